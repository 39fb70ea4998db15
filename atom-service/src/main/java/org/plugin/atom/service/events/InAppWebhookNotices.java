package org.plugin.atom.service.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.NotificationDtos;
import org.plugin.atom.repository.NotificationRepository;
import org.plugin.atom.repository.NotificationRepository.NotificationRow;
import org.plugin.common.time.PlatformClock;

/** A webhook's owner hears in the app that it was disabled: a notification of type {@value NotificationDtos#WEBHOOK_DISABLED}. */
@ApplicationScoped
public class InAppWebhookNotices implements WebhookNotices {

    private final NotificationRepository notifications;
    private final PlatformClock clock;

    InAppWebhookNotices(NotificationRepository notifications, PlatformClock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Written in the caller's transaction (the one that disables the webhook), or in one of its own. */
    @Override
    @Transactional
    public void webhookDisabled(UUID ownerContributorId, UUID webhookId, String url, String reason) {
        Instant now = clock.now();
        notifications.insert(new NotificationRow(UUID.randomUUID(), ownerContributorId, null, NotificationDtos.WEBHOOK_DISABLED, null, null,
                List.of(), webhookId, abbreviate(url, 2048), abbreviate(reason, 500), now, now, null));
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
