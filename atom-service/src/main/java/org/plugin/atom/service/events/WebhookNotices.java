package org.plugin.atom.service.events;

import java.util.UUID;

/** Tells a webhook's owner, in the app, what happened to their webhook. */
public interface WebhookNotices {
    /** The webhook kept failing and was disabled; the reason is for its owner (last status or error). */
    void webhookDisabled(UUID ownerContributorId, UUID webhookId, String url, String reason);
}
