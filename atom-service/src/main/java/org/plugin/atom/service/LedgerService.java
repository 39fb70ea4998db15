package org.plugin.atom.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.LedgerEntry;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.service.CurrentActor.Actor;
import org.plugin.common.time.PlatformClock;

/**
 * The contribution ledger. Each entry's hash is SHA-256 over its canonical form, which includes the
 * previous entry's hash; appends are serialized by locking the single {@code ledger_head} row, so
 * two transactions (or two replicas) never chain onto the same entry. The database refuses updates
 * and deletes of entries (trigger), except forgetting a CI client id, which the chain commits to
 * only through a salted digest.
 */
@ApplicationScoped
public class LedgerService {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 500;

    public record Broken(long seq, UUID id, String reason) {
    }

    public record Verification(boolean valid, long entriesChecked, long lastSeq, String lastHash, Broken firstBroken, Instant verifiedAt) {
    }

    private final EntityManager em;
    private final PlatformClock clock;
    private final AtomRepository atoms;

    LedgerService(EntityManager em, PlatformClock clock, AtomRepository atoms) {
        this.em = em;
        this.clock = clock;
        this.atoms = atoms;
    }

    /** Appends an entry in the caller's transaction; call it last, so the head lock is held briefly. */
    @Transactional(TxType.MANDATORY)
    public LedgerEntry append(Event event, UUID atomId, String atomName, String atomVersion, Actor actor, Map<String, ?> details) {
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        var e = new LedgerEntry();
        e.seq = ((Number) head[0]).longValue() + 1;
        e.previousHash = head[1].toString();
        e.id = UUID.randomUUID();
        e.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        e.event = event;
        e.atomId = atomId;
        e.atomName = atomName;
        e.atomVersion = atomVersion;
        e.actorKind = actor.kind();
        e.actorContributorId = actor.contributorId();
        e.actorAdminSubject = actor.adminSubject();
        if (actor.ciClient() != null) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            e.ciSalt = HexFormat.of().formatHex(salt);
            e.ciClient = actor.ciClient();
            e.ciCommitment = commitment(e.ciSalt, e.ciClient);
        }
        e.details = canonicalDetails(details);
        e.hash = sha256(canonicalForm(e));
        em.persist(e);
        em.flush();
        em.createNativeQuery("UPDATE ledger_head SET last_seq = ?1, last_hash = ?2 WHERE id = 1")
                .setParameter(1, e.seq).setParameter(2, e.hash).executeUpdate();
        return e;
    }

    /** One page of an Atom name's history and its number of entries. */
    public record History(List<LedgerEntry> entries, long total) {
    }

    /**
     * An Atom name's history, oldest first (a name freed by a removal and taken again shows both
     * Atoms, by id). VERSION_DRAFTED entries show only to who sees the Atom's drafts (its owner, their
     * CI, admins): for everyone else a draft does not exist yet. Empty for a name the ledger never saw.
     */
    public History history(String name, int limit, int offset, CurrentActor caller) {
        if (!AtomRepository.possibleName(name)) {
            return new History(List.of(), 0);
        }
        String drafted = "select count(e) from LedgerEntry e where e.atomName = ?1 and e.event = ?2";
        boolean anyDraft = em.createQuery(drafted, Long.class).setParameter(1, name).setParameter(2, Event.VERSION_DRAFTED)
                .getSingleResult() > 0;
        String where;
        UUID visibleDraftsOf = null;
        if (!anyDraft || caller.isAdmin() && !caller.isCi()) {
            where = "e.atomName = ?1";
        } else {
            // drafts of the Atom that has this name now, if the caller owns it; never those of an earlier Atom of the name
            visibleDraftsOf = atoms.findByName(name).filter(a -> caller.maySeeDrafts(a.ownerId)).map(a -> a.id).orElse(null);
            where = visibleDraftsOf == null ? "e.atomName = ?1 and e.event <> ?2" : "e.atomName = ?1 and (e.event <> ?2 or e.atomId = ?3)";
        }
        var count = em.createQuery("select count(e) from LedgerEntry e where " + where, Long.class).setParameter(1, name);
        var page = em.createQuery("from LedgerEntry e where " + where + " order by e.seq", LedgerEntry.class).setParameter(1, name);
        if (!where.equals("e.atomName = ?1")) {
            count.setParameter(2, Event.VERSION_DRAFTED);
            page.setParameter(2, Event.VERSION_DRAFTED);
        }
        if (visibleDraftsOf != null) {
            count.setParameter(3, visibleDraftsOf);
            page.setParameter(3, visibleDraftsOf);
        }
        return new History(page.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    /** Entries, oldest first; those acting as a contributor when {@code contributor} is set. */
    public List<LedgerEntry> entries(UUID contributor, int limit, int offset) {
        var q = contributor == null ? em.createQuery("from LedgerEntry e order by e.seq", LedgerEntry.class)
                : em.createQuery("from LedgerEntry e where e.actorContributorId = ?1 order by e.seq", LedgerEntry.class).setParameter(1, contributor);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countEntries(UUID contributor) {
        var q = contributor == null ? em.createQuery("select count(e) from LedgerEntry e", Long.class)
                : em.createQuery("select count(e) from LedgerEntry e where e.actorContributorId = ?1", Long.class).setParameter(1, contributor);
        return q.getSingleResult();
    }

    /** Checks every entry from the first: sequence without gaps, links, hashes, CI commitments, and the head. */
    public Verification verify() {
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM ledger_head WHERE id = 1").getSingleResult();
        long headSeq = ((Number) head[0]).longValue();
        String headHash = head[1].toString();
        String previous = GENESIS;
        long expected = 1;
        long checked = 0;
        while (expected <= headSeq) {
            List<LedgerEntry> batch = em.createQuery("from LedgerEntry e where e.seq >= ?1 and e.seq <= ?2 order by e.seq", LedgerEntry.class)
                    .setParameter(1, expected).setParameter(2, headSeq).setMaxResults(BATCH).getResultList();
            if (batch.isEmpty()) {
                return broken(checked, expected - 1, previous, new Broken(expected, null,
                        "entries " + expected + " to " + headSeq + " are missing (the ledger head records " + headSeq + " entries)"));
            }
            for (LedgerEntry e : batch) {
                String reason = check(e, expected, previous);
                if (reason != null) {
                    return broken(checked, expected - 1, previous, new Broken(e.seq == expected ? e.seq : expected, e.seq == expected ? e.id : null, reason));
                }
                previous = e.hash;
                expected++;
                checked++;
            }
            em.clear();
        }
        if (!previous.equals(headHash)) {
            return broken(checked, headSeq, previous, new Broken(headSeq, null, "the last entry's hash does not match the ledger head"));
        }
        return new Verification(true, checked, headSeq, previous, null, clock.instant());
    }

    private Verification broken(long checked, long lastGoodSeq, String lastGoodHash, Broken broken) {
        return new Verification(false, checked, lastGoodSeq, lastGoodHash, broken, clock.instant());
    }

    private static String check(LedgerEntry e, long expectedSeq, String previousHash) {
        if (e.seq != expectedSeq) {
            return "entry " + expectedSeq + " is missing: the chain jumps from " + (expectedSeq - 1) + " to " + e.seq;
        }
        if (!previousHash.equals(e.previousHash)) {
            return "its previous hash does not match the hash of entry " + (expectedSeq - 1);
        }
        if (!sha256(canonicalForm(e)).equals(e.hash)) {
            return "its content does not match its hash (the entry was altered)";
        }
        if (e.ciClient != null && (e.ciSalt == null || !commitment(e.ciSalt, e.ciClient).equals(e.ciCommitment))) {
            return "its CI client does not match the committed digest";
        }
        return null;
    }

    /** The exact text hashed: fields in a fixed order, JSON-escaped, instants in UTC to the microsecond. */
    static String canonicalForm(LedgerEntry e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", e.seq);
        fields.put("id", e.id.toString());
        fields.put("recordedAt", e.recordedAt.truncatedTo(ChronoUnit.MICROS).toString());
        fields.put("event", e.event.name());
        fields.put("atomId", e.atomId == null ? null : e.atomId.toString());
        fields.put("atomName", e.atomName);
        fields.put("atomVersion", e.atomVersion);
        fields.put("actorKind", e.actorKind.name());
        fields.put("actorContributorId", e.actorContributorId == null ? null : e.actorContributorId.toString());
        fields.put("actorAdminSubject", e.actorAdminSubject);
        fields.put("ciCommitment", e.ciCommitment);
        fields.put("details", e.details);
        fields.put("previousHash", e.previousHash);
        return write(fields);
    }

    static String canonicalDetails(Map<String, ?> details) {
        Map<String, Object> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(k, v == null ? null : v.toString()));
        }
        return write(sorted);
    }

    static String commitment(String salt, String ciClient) {
        return sha256(salt + ":" + ciClient);
    }

    private static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
