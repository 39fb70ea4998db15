package org.plugin.atom.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AtomRepository implements PanacheRepositoryBase<Atom, UUID> {

    /**
     * What an Atom or chain name can be: a slug of 2-64 characters, as the API validates it on the way in
     * ({@code AtomDtos.SLUG}; a unit test holds the two equal).
     */
    public static final String NAME_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    /** Atom and chain names are slugs; any other text (from a path) names nothing and never reaches the database. */
    public static boolean possibleName(String name) {
        return name != null && name.length() <= 64 && NAME.matcher(name).matches();
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
    public List<Atom> shareByNames(Collection<String> names) {
        List<String> possible = names.stream().filter(AtomRepository::possibleName).toList();
        return possible.isEmpty() ? List.of()
                : find("name in ?1 order by id", possible).withLock(LockModeType.PESSIMISTIC_READ).list();
    }

    public List<Atom> findByOwner(UUID ownerId) {
        return list("ownerId = ?1 order by name", ownerId);
    }

    public List<Atom> listByIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** The names of these Atoms, by id (feedback exports show the Atom's name). */
    public Map<UUID, String> namesByIds(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            getEntityManager().createQuery("select a.id, a.name from Atom a where a.id in ?1", Object[].class).setParameter(1, List.copyOf(ids))
                    .getResultList().forEach(row -> names.put((UUID) row[0], (String) row[1]));
        }
        return names;
    }

    /** Stores a new Atom now; {@link DuplicateKey} when a concurrent transaction took its name first. */
    public void insert(Atom atom) {
        DuplicateKey.on("atom_name_uk", () -> {
            persist(atom);
            flush();
        });
    }

    public void createRatingStats(UUID atomId) {
        getEntityManager().createNativeQuery("INSERT INTO atom_rating_stats (atom_id) VALUES (?1)")
                .setParameter(1, atomId).executeUpdate();
    }
}
