package org.plugin.atom.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.plugin.common.persistence.NativeRows;

/**
 * Contributors whose attribution is hidden ({@code restricted_contributor}): a restriction decided by
 * contributor-service reaches this service as a row here, and pages, search and feedback read it.
 */
@ApplicationScoped
public class RestrictionRepository {

    private final EntityManager em;

    RestrictionRepository(EntityManager em) {
        this.em = em;
    }

    /** Since when the contributor is restricted; empty when they are not. */
    public Optional<Instant> since(UUID contributorId) {
        List<?> rows = em.createNativeQuery("SELECT since FROM restricted_contributor WHERE contributor_id = ?1").setParameter(1, contributorId)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(Rows.toInstant(rows.get(0)));
    }

    /** Restricts the contributor from {@code since}; a repeat keeps the first time. */
    public void restrict(UUID contributorId, Instant since) {
        em.createNativeQuery("INSERT INTO restricted_contributor (contributor_id, since) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, contributorId).setParameter(2, since).executeUpdate();
    }

    /** Lifts the contributor's restriction, if any. */
    public void lift(UUID contributorId) {
        em.createNativeQuery("DELETE FROM restricted_contributor WHERE contributor_id = ?1").setParameter(1, contributorId).executeUpdate();
    }

    /**
     * The restricted contributors among {@code ids}. The set answers {@code contains(null)} with false
     * (an erased owner or a non-contributor author has no id), unlike {@code Set.of} or {@code Set.copyOf}.
     */
    public Set<UUID> restrictedAmong(Collection<UUID> ids) {
        List<UUID> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Collections.emptySet();
        }
        List<UUID> found = NativeRows.uuids(em.createNativeQuery("SELECT contributor_id FROM restricted_contributor WHERE contributor_id IN (?1)")
                .setParameter(1, wanted).getResultList());
        return Collections.unmodifiableSet(new HashSet<>(found));
    }

    public boolean isRestricted(UUID contributorId) {
        if (contributorId == null) {
            return false;
        }
        return !em.createNativeQuery("SELECT 1 FROM restricted_contributor WHERE contributor_id = ?1")
                .setParameter(1, contributorId).getResultList().isEmpty();
    }
}
