package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.plugin.atom.api.AtomDtos;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AtomRepository implements PanacheRepositoryBase<Atom, UUID> {

    private static final Pattern SLUG = Pattern.compile(AtomDtos.SLUG);

    /** Atom and chain names are slugs; any other text (from a path) names nothing and never reaches the database. */
    public static boolean possibleName(String name) {
        return name != null && name.length() <= 64 && SLUG.matcher(name).matches();
    }

    public Optional<Atom> findByName(String name) {
        return possibleName(name) ? find("name", name).firstResultOptional() : Optional.empty();
    }

    /** The Atom, its row locked until the end of the transaction (version registration, removal). */
    public Optional<Atom> lockByName(String name) {
        return possibleName(name) ? find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional() : Optional.empty();
    }

    /**
     * The Atom, its row share-locked until the end of the transaction: rows referring to it (ratings,
     * comments) can be written without a concurrent removal deleting it under them.
     */
    public Optional<Atom> shareByName(String name) {
        return possibleName(name) ? find("name", name).withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional() : Optional.empty();
    }

    /** These Atoms, share-locked in id order (a fixed order, so two transactions never wait on each other in a cycle). */
    public List<Atom> shareByNames(java.util.Collection<String> names) {
        List<String> possible = names.stream().filter(AtomRepository::possibleName).toList();
        return possible.isEmpty() ? List.of()
                : find("name in ?1 order by id", possible).withLock(LockModeType.PESSIMISTIC_READ).list();
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
    /**
     * The restricted contributors among {@code ids}. The set answers {@code contains(null)} with false
     * (an erased owner or a non-contributor author has no id), unlike {@code Set.of} or {@code Set.copyOf}.
     */
    public java.util.Set<UUID> restrictedAmong(java.util.Collection<UUID> ids) {
        List<UUID> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return java.util.Collections.emptySet();
        }
        List<UUID> found = getEntityManager().createNativeQuery("SELECT contributor_id FROM restricted_contributor WHERE contributor_id IN (?1)", UUID.class)
                .setParameter(1, wanted).getResultList();
        return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(found));
    }

    public boolean isRestricted(UUID contributorId) {
        if (contributorId == null) {
            return false;
        }
        return !getEntityManager().createNativeQuery("SELECT 1 FROM restricted_contributor WHERE contributor_id = ?1")
                .setParameter(1, contributorId).getResultList().isEmpty();
    }
}
