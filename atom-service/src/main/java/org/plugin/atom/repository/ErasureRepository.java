package org.plugin.atom.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Erasures done here ({@code contributor_erasure}): one row per erased contributor, so that a repeated
 * erasure answers what the first one did.
 */
@ApplicationScoped
public class ErasureRepository {

    /** What an erasure did, and when. */
    public record Erased(Instant erasedAt, int atoms, int feedback) {
    }

    private final EntityManager em;

    ErasureRepository(EntityManager em) {
        this.em = em;
    }

    /** Serializes erasures of one contributor until the end of the transaction (a transaction-scoped advisory lock). */
    public void lock(UUID contributorId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "erasure:" + contributorId).getSingleResult();
    }

    public Optional<Erased> find(UUID contributorId) {
        List<?> rows = em.createNativeQuery("SELECT erased_at, atoms, feedback FROM contributor_erasure WHERE contributor_id = ?1")
                .setParameter(1, contributorId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Erased(Rows.toInstant(row[0]), ((Number) row[1]).intValue(), ((Number) row[2]).intValue()));
    }

    public void record(UUID contributorId, Erased erased) {
        em.createNativeQuery("INSERT INTO contributor_erasure (contributor_id, erased_at, atoms, feedback) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, contributorId).setParameter(2, erased.erasedAt()).setParameter(3, erased.atoms())
                .setParameter(4, erased.feedback()).executeUpdate();
    }
}
