package org.plugin.atom.service.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook deliveries of an event, queued durably in the caller's transaction. */
public interface WebhookOutbox {
    /**
     * @param event       the event being dispatched
     * @param recipients  each recipient contributor's id, with the names of their chains the event affects (empty for a subscriber only)
     */
    void enqueue(CatalogEvent event, Map<UUID, List<String>> recipients);
}
