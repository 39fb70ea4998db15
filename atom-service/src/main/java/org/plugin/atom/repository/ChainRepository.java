package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ChainRepository implements PanacheRepositoryBase<Chain, UUID> {

    public Optional<Chain> findByName(String name) {
        return AtomRepository.possibleName(name) ? find("name", name).firstResultOptional() : Optional.empty();
    }

    /** The chain, its row locked until the end of the transaction (deletion). */
    public Optional<Chain> lockByName(String name) {
        return AtomRepository.possibleName(name)
                ? find("name", name).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                : Optional.empty();
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

    /** Ids of the chains using any version of the Atom, with their owners. */
    public List<Object[]> chainsUsingAtom(UUID atomId) {
        return getEntityManager().createQuery(
                "select distinct c.id, c.ownerId from Chain c, ChainNode n, AtomVersion v "
                        + "where n.key.chainId = c.id and n.versionId = v.id and v.atomId = ?1", Object[].class)
                .setParameter(1, atomId).getResultList();
    }
}
