package org.plugin.atom.service;

import java.util.UUID;

import org.plugin.atom.repository.LedgerEntry.ActorKind;

/** Who the ledger records for an action: a contributor (in person or through their CI client), an admin, or a service. */
public record Actor(ActorKind kind, UUID contributorId, String ciClient, String adminSubject) {

    /** A service acting on its own (privacy requests). */
    public static Actor service() {
        return new Actor(ActorKind.SERVICE, null, null, null);
    }
}
