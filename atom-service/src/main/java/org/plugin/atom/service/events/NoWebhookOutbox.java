package org.plugin.atom.service.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** No webhooks: the outbox when no other is deployed (the webhook half of issue 16 brings the real one). */
@DefaultBean
@ApplicationScoped
public class NoWebhookOutbox implements WebhookOutbox {

    @Override
    public void enqueue(CatalogEvent event, Map<UUID, List<String>> recipients) {
        // nothing to deliver
    }
}
