package org.plugin.contributor.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Vetoed;

import org.plugin.contributor.repository.DeactivationOutbox;
import org.plugin.contributor.repository.DeactivationOutboxRepository;
import org.plugin.contributor.repository.SyncOutbox.Target;
import org.plugin.contributor.repository.SyncOutboxRepository;

/** What the services record for the outboxes to send, kept in lists for the fast tier (nothing is sent). */
public final class InMemoryOutboxes {

    private InMemoryOutboxes() {
    }

    /** Deactivation events written for privacy-service. */
    @Vetoed
    public static class Deactivations extends DeactivationOutboxRepository {

        public final List<DeactivationOutbox> rows = new ArrayList<>();

        @Override
        public void persist(DeactivationOutbox event) {
            rows.add(event);
        }
    }

    /** Marks for the identity provider and atom-service, in the order made. */
    @Vetoed
    public static class Sync extends SyncOutboxRepository {

        /** One change of a contributor that a holder must follow. */
        public record Mark(UUID contributorId, Target target, Instant at, Instant dueAt) {
        }

        public final List<Mark> marks = new ArrayList<>();
        public final List<UUID> deleted = new ArrayList<>();

        @Override
        public void markChanged(UUID contributorId, Target target, Instant now, Instant dueAt) {
            marks.add(new Mark(contributorId, target, now, dueAt));
        }

        @Override
        public long deleteForContributor(UUID contributorId) {
            deleted.add(contributorId);
            marks.removeIf(m -> m.contributorId().equals(contributorId));
            return 1;
        }

        public List<Target> targetsOf(UUID contributorId) {
            return marks.stream().filter(m -> m.contributorId().equals(contributorId)).map(Mark::target).toList();
        }
    }
}
