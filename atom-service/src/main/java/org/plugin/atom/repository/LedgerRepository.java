package org.plugin.atom.repository;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;
import org.plugin.atom.repository.LedgerEntry.Event;

/**
 * The contribution ledger's rows: its single head row ({@code ledger_head}: the last sequence number
 * and hash), moved by the chainer only, and its entries, which a trigger keeps append-only
 * (V2__ledger.sql, V7_1__ledger_chainer.sql). An entry is appended at a provisional negative place
 * without hashes; the chainer gives it its place and hashes. Reads show chained entries only.
 */
@ApplicationScoped
public class LedgerRepository {

    /** The last entry's sequence number and hash, as the head row records them. */
    public record Head(long seq, String hash) {
    }

    /** One page of entries and the number of entries that match. */
    public record History(List<LedgerEntry> entries, long total) {
    }

    /** The advisory lock key of the chainer (any constant no other code of this database uses). */
    static final long CHAINER_LOCK = 7_215_001L;

    private final EntityManager em;

    LedgerRepository(EntityManager em) {
        this.em = em;
    }

    /** The head, its row locked until the end of the transaction: only the chainer moves it. */
    public Head lockHead() {
        return head((Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE").getSingleResult());
    }

    /** The head as it is now, without a lock (verification). */
    public Head head() {
        return head((Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1").getSingleResult());
    }

    private static Head head(Object[] row) {
        return new Head(((Number) row[0]).longValue(), row[1].toString());
    }

    /**
     * Stores an entry, not chained yet, at the provisional place the database gives it on insert
     * (negative, lower for a later append: the chainer's order); no lock is taken. The INSERT runs at
     * once and returns the place into {@code e.seq}; the caller's other changes flush at commit.
     */
    public void append(LedgerEntry e) {
        em.persist(e);
    }

    /** The chainer's lock (one chainer at a time, across replicas), held until the end of the transaction; waits for it. */
    public void lockChainer() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + CHAINER_LOCK + ")").getSingleResult();
    }

    /** The chainer's lock if no other chainer holds it: whether it was taken. */
    public boolean tryLockChainer() {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + CHAINER_LOCK + ")").getSingleResult();
    }

    /** Committed entries not chained yet, in append order, at most {@code max}; detached (their place is about to change). */
    public List<LedgerEntry> unchained(int max) {
        List<LedgerEntry> entries = em.createQuery("from LedgerEntry e where e.seq < 0 order by e.seq desc", LedgerEntry.class)
                .setMaxResults(max).getResultList();
        em.clear();
        return entries;
    }

    /**
     * Gives unchained entries their places and hashes (the guard allows this once), each entry found
     * by its id and provisional place ({@code provisionalPlaces[i]} for {@code entries.get(i)}): one
     * statement each, sent in one JDBC batch (one round trip for a pass, not one per entry).
     */
    public void chain(List<LedgerEntry> entries, long[] provisionalPlaces) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE ledger_entry SET seq = ?, previous_hash = ?, hash = ? WHERE id = ? AND seq = ?")) {
                for (int i = 0; i < entries.size(); i++) {
                    LedgerEntry e = entries.get(i);
                    update.setLong(1, e.seq);
                    update.setString(2, e.previousHash);
                    update.setString(3, e.hash);
                    update.setObject(4, e.id);
                    update.setLong(5, provisionalPlaces[i]);
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    /** Moves the locked head to the last entry chained. */
    public void moveHead(long seq, String hash) {
        em.createNativeQuery("UPDATE ledger_head SET last_seq = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, seq).setParameter(2, hash).executeUpdate();
    }

    /** Whether the ledger records a VERSION_DRAFTED entry under this Atom name. */
    public boolean anyDrafted(String name) {
        String drafted = "select count(e) from LedgerEntry e where e.seq > 0 and e.atomName = ?1 and e.event = ?2";
        return em.createQuery(drafted, Long.class).setParameter(1, name).setParameter(2, Event.VERSION_DRAFTED).getSingleResult() > 0;
    }

    /**
     * A page of an Atom name's entries, oldest first. With {@code drafts} false, VERSION_DRAFTED entries
     * are left out, except those of the Atom {@code draftsOf} (null: none).
     */
    public History history(String name, boolean drafts, UUID draftsOf, int limit, int offset) {
        String where;
        if (drafts) {
            where = "e.seq > 0 and e.atomName = ?1";
        } else {
            where = draftsOf == null ? "e.seq > 0 and e.atomName = ?1 and e.event <> ?2" : "e.seq > 0 and e.atomName = ?1 and (e.event <> ?2 or e.atomId = ?3)";
        }
        var count = em.createQuery("select count(e) from LedgerEntry e where " + where, Long.class).setParameter(1, name);
        var page = em.createQuery("from LedgerEntry e where " + where + " order by e.seq", LedgerEntry.class).setParameter(1, name);
        if (!drafts) {
            count.setParameter(2, Event.VERSION_DRAFTED);
            page.setParameter(2, Event.VERSION_DRAFTED);
        }
        if (!drafts && draftsOf != null) {
            count.setParameter(3, draftsOf);
            page.setParameter(3, draftsOf);
        }
        return new History(page.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    /** Entries, oldest first; those acting as a contributor when {@code contributor} is set. */
    public List<LedgerEntry> entries(UUID contributor, int limit, int offset) {
        var q = contributor == null ? em.createQuery("from LedgerEntry e where e.seq > 0 order by e.seq", LedgerEntry.class)
                : em.createQuery("from LedgerEntry e where e.seq > 0 and e.actorContributorId = ?1 order by e.seq", LedgerEntry.class).setParameter(1, contributor);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countEntries(UUID contributor) {
        var q = contributor == null ? em.createQuery("select count(e) from LedgerEntry e where e.seq > 0", Long.class)
                : em.createQuery("select count(e) from LedgerEntry e where e.seq > 0 and e.actorContributorId = ?1", Long.class).setParameter(1, contributor);
        return q.getSingleResult();
    }

    /** Entries {@code from} to {@code to} in order, at most {@code max} (verification reads the chain in such batches). */
    public List<LedgerEntry> range(long from, long to, int max) {
        return em.createQuery("from LedgerEntry e where e.seq >= ?1 and e.seq <= ?2 order by e.seq", LedgerEntry.class)
                .setParameter(1, from).setParameter(2, to).setMaxResults(max).getResultList();
    }

    /** Lets go of the entries read so far: a verification of the whole ledger keeps one batch in memory, not all. */
    public void release() {
        em.clear();
    }

    /** Every entry acting as this contributor, oldest first, loaded read-only (an export may read tens of thousands). */
    public List<LedgerEntry> readByContributor(UUID contributor) {
        return em.createQuery("from LedgerEntry e where e.seq > 0 and e.actorContributorId = ?1 order by e.seq", LedgerEntry.class)
                .setParameter(1, contributor).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /**
     * Forgets the CI client ids (and their salts) of a contributor's entries (erasure); the chain still
     * verifies, since it commits to a client only through its salted digest.
     */
    public void forgetCiClients(UUID contributor) {
        em.createNativeQuery("UPDATE ledger_entry SET ci_client = NULL, ci_salt = NULL WHERE actor_contributor_id = ?1 AND ci_client IS NOT NULL")
                .setParameter(1, contributor).executeUpdate();
    }
}
