package org.plugin.atom.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.plugin.atom.api.LedgerDtos;
import org.plugin.atom.api.LedgerDtos.Broken;
import org.plugin.atom.api.LedgerDtos.LedgerEntryView;
import org.plugin.atom.api.LedgerDtos.Verification;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.LedgerEntry;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.LedgerRepository;
import org.plugin.atom.repository.LedgerRepository.Head;
import org.plugin.atom.repository.LedgerRepository.History;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/**
 * The contribution ledger. Each entry's hash is SHA-256 over its canonical form, which includes the
 * previous entry's hash. An append stores the entry at a provisional place, without a lock; the
 * {@link LedgerChainer} (one at a time across replicas) gives committed entries their places and
 * hashes in append order, shortly after the appending transaction commits, so two transactions (or two
 * replicas) never chain onto the same entry. Reads and verification chain what is committed first.
 * The database refuses updates and deletes of entries (trigger), except chaining an entry once and
 * forgetting a CI client id, which the chain commits to only through a salted digest.
 */
@ApplicationScoped
public class LedgerService {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 500;

    private final LedgerRepository ledger;
    private final AtomRepository atoms;
    private final AccessRules access;
    private final PlatformClock clock;
    private final LedgerChainer chainer;

    LedgerService(LedgerRepository ledger, AtomRepository atoms, AccessRules access, PlatformClock clock, LedgerChainer chainer) {
        this.ledger = ledger;
        this.chainer = chainer;
        this.atoms = atoms;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Appends an entry in the caller's transaction, at a provisional place (no lock); once that
     * transaction commits, the chainer gives it its place and hashes, off the caller's request path
     * (every read of the ledger chains what is committed first).
     */
    @Transactional(TxType.MANDATORY)
    public LedgerEntry append(Event event, UUID atomId, String atomName, String atomVersion, Actor actor, Map<String, ?> details) {
        var e = new LedgerEntry();
        e.id = UUID.randomUUID();
        e.recordedAt = clock.now();
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
        ledger.append(e);
        chainer.chainAfterCommit();
        return e;
    }

    /**
     * An Atom name's history, oldest first (a name freed by a removal and taken again shows both
     * Atoms, by id). VERSION_DRAFTED entries show only to who sees the Atom's drafts (its owner, their
     * CI, admins): for everyone else a draft does not exist yet. 404 for a name the ledger never saw.
     */
    public Page<LedgerEntryView> history(String name, PageRequest page) {
        chainer.chainCommitted();
        History history = history(name, page.limit(), page.offset());
        if (history.total() == 0) {
            throw DomainException.notFound("The ledger has no entry for an Atom named '" + (name.length() > 64 ? name.substring(0, 64) : name) + "'");
        }
        boolean admin = access.maySeeAdminSubjects();
        return Page.of(history.entries().stream().map(e -> view(e, admin)).toList(), history.total(), page);
    }

    private History history(String name, int limit, int offset) {
        if (!AtomRepository.possibleName(name)) {
            return new History(List.of(), 0);
        }
        boolean drafts = !ledger.anyDrafted(name) || access.actsAsAdmin();
        // drafts of the Atom that has this name now, if the caller owns it; never those of an earlier Atom of the name
        UUID draftsOf = drafts ? null : atoms.findByName(name).filter(a -> access.maySeeDrafts(a.ownerId)).map(a -> a.id).orElse(null);
        return ledger.history(name, drafts, draftsOf, limit, offset);
    }

    /** Chains every entry committed before this call: for readers of the ledger outside this class (a contributor's export). */
    public void chainCommitted() {
        chainer.chainCommitted();
    }

    /** Entries, oldest first; those acting as a contributor when {@code contributor} is set (admins). */
    public Page<LedgerEntryView> entries(UUID contributor, PageRequest page) {
        chainer.chainCommitted();
        List<LedgerEntry> entries = ledger.entries(contributor, page.limit(), page.offset());
        return Page.of(entries.stream().map(e -> view(e, true)).toList(), ledger.countEntries(contributor), page);
    }

    /** An entry as the API shows it; the admin who acted is named to admins only. */
    static LedgerEntryView view(LedgerEntry e, boolean showAdmin) {
        return new LedgerEntryView(e.seq, e.id, e.recordedAt, e.event.name(), e.atomId, e.atomName, e.atomVersion,
                new LedgerDtos.Actor(e.actorKind.name(), e.actorContributorId, e.ciClient, showAdmin ? e.actorAdminSubject : null),
                e.ciCommitment, e.details, e.previousHash, e.hash);
    }

    /** Checks every entry from the first: sequence without gaps, links, hashes, CI commitments, and the head. */
    public Verification verify() {
        chainer.chainCommitted();
        Head head = ledger.head();
        long headSeq = head.seq();
        String headHash = head.hash();
        String previous = GENESIS;
        long expected = 1;
        long checked = 0;
        while (expected <= headSeq) {
            List<LedgerEntry> batch = ledger.range(expected, headSeq, BATCH);
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
            ledger.release();
        }
        if (!previous.equals(headHash)) {
            return broken(checked, headSeq, previous, new Broken(headSeq, null, "the last entry's hash does not match the ledger head"));
        }
        return new Verification(true, checked, headSeq, previous, null, clock.instant());
    }

    private Verification broken(long checked, long lastGoodSeq, String lastGoodHash, Broken broken) {
        return new Verification(false, checked, lastGoodSeq, lastGoodHash, broken, clock.instant());
    }

    /** Why an entry does not verify as the {@code expectedSeq}th after {@code previousHash}; null when it does. */
    static String check(LedgerEntry e, long expectedSeq, String previousHash) {
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
