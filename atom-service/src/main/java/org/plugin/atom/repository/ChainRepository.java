package org.plugin.atom.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ChainRepository implements PanacheRepositoryBase<Chain, UUID> {

    /** A chain using an Atom, and its owner. */
    public record Use(UUID chainId, UUID ownerId) {
    }

    /** One page of chains, and how many match. */
    public record Listing(List<Chain> chains, long total) {
    }

    public Optional<Chain> findByName(String name) {
        return AtomRepository.possibleName(name) ? find("name", name).firstResultOptional() : Optional.empty();
    }

    /** The chain, its row locked until the end of the transaction (deletion). */
    public Optional<Chain> lockByName(String name) {
        return AtomRepository.possibleName(name)
                ? find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                : Optional.empty();
    }

    /** Stores a new chain now; {@link DuplicateKey} when a concurrent transaction took its name first. */
    public void insert(Chain chain) {
        DuplicateKey.on("chain_name_uk", () -> {
            persist(chain);
            flush();
        });
    }

    public void addNode(ChainNode node) {
        getEntityManager().persist(node);
    }

    public void addLink(ChainLink link) {
        getEntityManager().persist(link);
    }

    public List<ChainNode> nodes(UUID chainId) {
        return getEntityManager().createQuery("from ChainNode n where n.key.chainId = ?1 order by n.position", ChainNode.class)
                .setParameter(1, chainId).getResultList();
    }

    public List<ChainNode> nodes(List<UUID> chainIds) {
        if (chainIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("from ChainNode n where n.key.chainId in ?1 order by n.position", ChainNode.class)
                .setParameter(1, chainIds).getResultList();
    }

    public List<ChainLink> links(UUID chainId) {
        return getEntityManager().createQuery("from ChainLink l where l.key.chainId = ?1 order by l.key.position", ChainLink.class)
                .setParameter(1, chainId).getResultList();
    }

    /** The chains using any version of the Atom, with their owners. */
    public List<Use> chainsUsingAtom(UUID atomId) {
        return getEntityManager().createQuery(
                "select distinct c.id, c.ownerId from Chain c, ChainNode n, AtomVersion v "
                        + "where n.key.chainId = c.id and n.versionId = v.id and v.atomId = ?1", Object[].class)
                .setParameter(1, atomId).getResultList().stream().map(row -> new Use((UUID) row[0], (UUID) row[1])).toList();
    }

    /** Chains, newest first; those using the Atom named {@code atomName} and of {@code owner} when set. */
    public Listing list(String atomName, UUID owner, int limit, int offset) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (atomName != null) {
            where.append(" and exists (select 1 from ChainNode n, AtomVersion v, Atom a where n.key.chainId = c.id and n.versionId = v.id"
                    + " and v.atomId = a.id and a.name = :atom)");
            params.put("atom", atomName);
        }
        if (owner != null) {
            where.append(" and c.ownerId = :owner");
            params.put("owner", owner);
        }
        var em = getEntityManager();
        var query = em.createQuery("from Chain c where " + where + " order by c.createdAt desc, c.id", Chain.class);
        var count = em.createQuery("select count(c) from Chain c where " + where, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Chain> found = query.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Listing(found, count.getSingleResult());
    }

    /** A contributor's chains, oldest first, loaded read-only (privacy exports). */
    public List<Chain> readByOwner(UUID ownerId) {
        return getEntityManager().createQuery("from Chain c where c.ownerId = ?1 order by c.createdAt, c.id", Chain.class)
                .setParameter(1, ownerId).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /** Attributes a contributor's chains to no one (erasure). */
    public void disown(UUID ownerId) {
        getEntityManager().createNativeQuery("UPDATE chain SET owner_id = NULL WHERE owner_id = ?1").setParameter(1, ownerId).executeUpdate();
    }
}
