package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VersionRepository implements PanacheRepositoryBase<AtomVersion, UUID> {

    /** Empty for text that is not a semantic version (from a path): it names no version and never reaches the database. */
    public Optional<AtomVersion> find(UUID atomId, String version) {
        if (org.plugin.atom.service.SemanticVersion.parse(version) == null) {
            return Optional.empty();
        }
        return find("atomId = ?1 and version = ?2", atomId, version).firstResultOptional();
    }

    public List<AtomVersion> findByAtom(UUID atomId) {
        return list("atomId", atomId);
    }

    public List<AtomVersion> findByAtoms(List<UUID> atomIds) {
        return atomIds.isEmpty() ? List.of() : list("atomId in ?1", atomIds);
    }

    /** The same, loaded read-only: no dirty-checking snapshot per version (an export may read tens of thousands). */
    public List<AtomVersion> readByAtoms(List<UUID> atomIds) {
        return atomIds.isEmpty() ? List.of() : find("atomId in ?1", atomIds).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }
}
