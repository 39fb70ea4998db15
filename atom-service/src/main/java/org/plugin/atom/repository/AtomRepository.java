package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AtomRepository implements PanacheRepositoryBase<Atom, UUID> {

    public Optional<Atom> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The Atom, its row locked until the end of the transaction (version registration, removal). */
    public Optional<Atom> lockByName(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Atom> findByOwner(UUID ownerId) {
        return list("ownerId = ?1 order by name", ownerId);
    }

    public void createRatingStats(UUID atomId) {
        getEntityManager().createNativeQuery("INSERT INTO atom_rating_stats (atom_id) VALUES (?1)")
                .setParameter(1, atomId).executeUpdate();
    }

    /** Which of these contributors are restricted (their attribution is hidden). */
    @SuppressWarnings("unchecked")
    public java.util.Set<UUID> restrictedAmong(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        List<UUID> found = getEntityManager().createNativeQuery("SELECT contributor_id FROM restricted_contributor WHERE contributor_id IN (?1)", UUID.class)
                .setParameter(1, List.copyOf(ids)).getResultList();
        return java.util.Set.copyOf(found);
    }

    public boolean isRestricted(UUID contributorId) {
        if (contributorId == null) {
            return false;
        }
        return !getEntityManager().createNativeQuery("SELECT 1 FROM restricted_contributor WHERE contributor_id = ?1")
                .setParameter(1, contributorId).getResultList().isEmpty();
    }
}
