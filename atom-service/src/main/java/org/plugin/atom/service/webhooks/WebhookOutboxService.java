package org.plugin.atom.service.webhooks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.plugin.atom.config.WebhookConfig;
import org.plugin.atom.repository.Webhook;
import org.plugin.atom.repository.WebhookDeliveryRepository;
import org.plugin.atom.repository.WebhookRepository;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.WebhookOutbox;
import org.plugin.common.time.PlatformClock;

/**
 * Queues one delivery per (event, enabled webhook of each recipient) in the caller's transaction: the
 * deliveries exist exactly when the caller's change (the notifications) commits, and an event
 * dispatched again queues nothing twice. After the commit this replica's senders are woken at once.
 */
@ApplicationScoped
public class WebhookOutboxService implements WebhookOutbox {

    private final WebhookRepository webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookConfig config;
    private final PlatformClock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final WebhookSenders senders;

    WebhookOutboxService(WebhookRepository webhooks, WebhookDeliveryRepository deliveries, WebhookConfig config, PlatformClock clock,
            TransactionSynchronizationRegistry transactions, WebhookSenders senders) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
        this.senders = senders;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(CatalogEvent event, Map<UUID, List<String>> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        List<Webhook> targets = webhooks.enabledOf(recipients.keySet());
        if (targets.isEmpty()) {
            return;
        }
        var now = clock.now();
        for (Webhook w : targets) {
            String body = CloudEvents.body(event, config.source(), recipients.getOrDefault(w.ownerId, List.of()));
            deliveries.enqueue(w.id, event.id(), event.type(), body, event.occurredAt().toInstant(), now);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    senders.wake();
                }
            }
        });
    }
}
