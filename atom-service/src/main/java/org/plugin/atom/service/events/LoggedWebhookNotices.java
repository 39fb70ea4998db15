package org.plugin.atom.service.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.arc.DefaultBean;

/**
 * Until in-app notifications exist, a disabled webhook is only logged (by its id: the URL and the
 * owner's id stay out of logs). The notifications' implementation replaces this bean.
 */
@DefaultBean
@ApplicationScoped
public class LoggedWebhookNotices implements WebhookNotices {

    private static final Logger LOG = Logger.getLogger(LoggedWebhookNotices.class);

    @Override
    public void webhookDisabled(UUID ownerContributorId, UUID webhookId, String url, String reason) {
        LOG.infof("Webhook %s disabled after repeated failures; no in-app notice is sent", webhookId);
    }
}
