package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VersionRepository implements PanacheRepositoryBase<AtomVersion, UUID> {

    /**
     * What a stored version can be made of: a semantic version (checked by the service before it is
     * stored) has at most 128 of these characters. Other text (from a path) never reaches the database,
     * which refuses some of it (NUL) with an error.
     */
    private static final Pattern POSSIBLE_VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,128}");

    /** Empty for text that cannot be a version: it names no version and never reaches the database. */
    public Optional<AtomVersion> find(UUID atomId, String version) {
        if (version == null || !POSSIBLE_VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        return find("atomId = ?1 and version = ?2", atomId, version).firstResultOptional();
    }

    public List<AtomVersion> findByAtom(UUID atomId) {
        return list("atomId", atomId);
    }

    /** What a version list is sorted and filtered by, without the rest of each version. */
    public record VersionKey(UUID id, String version, AtomVersion.State state) {
    }

    /** The keys of an Atom's versions: a list page loads in full only the versions it shows. */
    public List<VersionKey> keysByAtom(UUID atomId) {
        return getEntityManager().createQuery("select v.id, v.version, v.state from AtomVersion v where v.atomId = ?1", Object[].class)
                .setParameter(1, atomId).getResultList().stream()
                .map(r -> new VersionKey((UUID) r[0], (String) r[1], (AtomVersion.State) r[2])).toList();
    }

    /** These versions, read-only (no dirty-checking snapshot), in no particular order. */
    public List<AtomVersion> readByIds(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : find("id in ?1", ids).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    public List<AtomVersion> listByIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }

    public List<AtomVersion> findByAtoms(List<UUID> atomIds) {
        return atomIds.isEmpty() ? List.of() : list("atomId in ?1", atomIds);
    }

    /** The same, loaded read-only: no dirty-checking snapshot per version (an export may read tens of thousands). */
    public List<AtomVersion> readByAtoms(List<UUID> atomIds) {
        return atomIds.isEmpty() ? List.of() : find("atomId in ?1", atomIds).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    /** Forgets who registered a contributor's versions, and through which CI client (erasure). */
    public void forgetRegistrant(UUID contributorId) {
        getEntityManager().createNativeQuery("UPDATE atom_version SET registered_by = NULL, ci_client = NULL WHERE registered_by = ?1")
                .setParameter(1, contributorId).executeUpdate();
    }
}
