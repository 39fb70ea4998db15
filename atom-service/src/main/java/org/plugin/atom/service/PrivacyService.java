package org.plugin.atom.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;

import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.Chain;
import org.plugin.atom.repository.FeedbackComment;
import org.plugin.atom.repository.LedgerEntry;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.Rating;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.api.InternalDtos.AtomData;
import org.plugin.atom.api.InternalDtos.AuthorErasure;
import org.plugin.atom.api.InternalDtos.AuthorFeedback;
import org.plugin.atom.api.InternalDtos.ChainData;
import org.plugin.atom.api.InternalDtos.CommentData;
import org.plugin.atom.api.InternalDtos.Erasure;
import org.plugin.atom.api.InternalDtos.LedgerData;
import org.plugin.atom.api.InternalDtos.PersonalData;
import org.plugin.atom.api.InternalDtos.RatingData;
import org.plugin.atom.api.InternalDtos.RestrictionState;
import org.plugin.atom.service.CurrentActor.Actor;
import org.plugin.common.time.PlatformClock;

/** The internal API for privacy requests: access, restriction and erasure by contributor id. Idempotent writes. */
@ApplicationScoped
public class PrivacyService {

    private final EntityManager em;
    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final LedgerService ledger;
    private final ContributorDirectory directory;
    private final PlatformClock clock;

    PrivacyService(EntityManager em, AtomRepository atoms, VersionRepository versions, LedgerService ledger, ContributorDirectory directory,
            PlatformClock clock) {
        this.em = em;
        this.atoms = atoms;
        this.versions = versions;
        this.ledger = ledger;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * What the catalog holds about a contributor. Read-only loads (no dirty-checking snapshots) and
     * versions grouped once by Atom: a contributor may have tens of thousands of versions and entries.
     */
    public PersonalData personalData(UUID id) {
        List<Atom> owned = atoms.findByOwner(id);
        Map<UUID, List<AtomVersion>> versionsByAtom = versions.readByAtoms(owned.stream().map(a -> a.id).toList()).stream()
                .collect(Collectors.groupingBy(v -> v.atomId));
        List<AtomData> atomData = owned.stream().map(a -> new AtomData(a.name, CatalogMapper.metadata(a), a.lifecycle.name(), a.createdAt,
                versionsByAtom.getOrDefault(a.id, List.of()).stream().sorted(CatalogMapper.newestFirst())
                        .map(v -> CatalogMapper.view(a.name, v)).toList())).toList();
        List<ChainData> chains = em.createQuery("from Chain c where c.ownerId = ?1 order by c.createdAt, c.id", Chain.class).setParameter(1, id)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList().stream().map(c -> new ChainData(c.name, c.description, c.createdAt))
                .toList();
        List<Rating> ratings = em.createQuery("from Rating r where r.authorContributorId = ?1 order by r.createdAt, r.id", Rating.class)
                .setParameter(1, id).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        List<FeedbackComment> comments = em.createQuery("from FeedbackComment c where c.authorContributorId = ?1 order by c.createdAt, c.id",
                FeedbackComment.class).setParameter(1, id).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        Map<UUID, String> feedbackAtoms = names(ratings.stream().map(r -> r.atomId).toList(), comments.stream().map(c -> c.atomId).toList());
        List<LedgerData> entries = em.createQuery("from LedgerEntry e where e.actorContributorId = ?1 order by e.seq", LedgerEntry.class)
                .setParameter(1, id).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList().stream()
                .map(e -> new LedgerData(e.seq, e.id, e.recordedAt, e.event.name(), e.atomName, e.atomVersion, e.actorKind.name(), e.ciClient,
                        e.details)).toList();
        return new PersonalData(id, restriction(id).restricted(), erasure(id), atomData, chains,
                ratings.stream().map(r -> new RatingData(feedbackAtoms.get(r.atomId), r.stars, r.createdAt, r.updatedAt)).toList(),
                comments.stream().map(c -> new CommentData(c.id, feedbackAtoms.get(c.atomId), c.body, c.createdAt)).toList(), entries);
    }

    /** Every rating and comment written under a token subject, whether or not its author was a contributor then. */
    public AuthorFeedback authorFeedback(String subject) {
        List<Rating> ratings = em.createQuery("from Rating r where r.authorSubject = ?1 order by r.createdAt, r.id", Rating.class)
                .setParameter(1, subject).getResultList();
        List<FeedbackComment> comments = em.createQuery("from FeedbackComment c where c.authorSubject = ?1 order by c.createdAt, c.id",
                FeedbackComment.class).setParameter(1, subject).getResultList();
        Map<UUID, String> feedbackAtoms = names(ratings.stream().map(r -> r.atomId).toList(), comments.stream().map(c -> c.atomId).toList());
        return new AuthorFeedback(subject,
                ratings.stream().map(r -> new RatingData(feedbackAtoms.get(r.atomId), r.stars, r.createdAt, r.updatedAt)).toList(),
                comments.stream().map(c -> new CommentData(c.id, feedbackAtoms.get(c.atomId), c.body, c.createdAt)).toList());
    }

    /**
     * Erases the feedback written under a token subject: comments deleted, ratings kept anonymous (as
     * for a contributor's erasure). Whatever exists at the time of the call is erased; a repeat
     * with nothing new answers zero counts.
     */
    @Transactional
    public AuthorErasure eraseAuthor(String subject) {
        int comments = em.createNativeQuery("DELETE FROM feedback_comment WHERE author_subject = ?1").setParameter(1, subject).executeUpdate();
        int ratings = em.createNativeQuery("UPDATE rating SET author_subject = NULL, author_contributor_id = NULL WHERE author_subject = ?1")
                .setParameter(1, subject).executeUpdate();
        return new AuthorErasure(clock.instant().truncatedTo(ChronoUnit.MICROS), comments, ratings);
    }

    private Map<UUID, String> names(List<UUID> a, List<UUID> b) {
        var ids = new java.util.HashSet<UUID>(a);
        ids.addAll(b);
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select a.id, a.name from Atom a where a.id in ?1", Object[].class).setParameter(1, List.copyOf(ids)).getResultList()
                    .forEach(row -> names.put((UUID) row[0], (String) row[1]));
        }
        return names;
    }

    public RestrictionState restriction(UUID id) {
        List<?> rows = em.createNativeQuery("SELECT since FROM restricted_contributor WHERE contributor_id = ?1").setParameter(1, id).getResultList();
        return new RestrictionState(id, !rows.isEmpty(), rows.isEmpty() ? null : toInstant(rows.get(0)));
    }

    @Transactional
    public RestrictionState restrict(UUID id, boolean restricted) {
        if (restricted) {
            em.createNativeQuery("INSERT INTO restricted_contributor (contributor_id, since) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, id).setParameter(2, clock.instant().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM restricted_contributor WHERE contributor_id = ?1").setParameter(1, id).executeUpdate();
        }
        directory.forget(id);
        return restriction(id);
    }

    /**
     * Erases what the catalog holds about a contributor: comments deleted, ratings kept anonymous,
     * Atoms and chains kept but attributed to no one, versions and ledger entries without the CI
     * client id; the ledger keeps the pseudonymous contributor id. A repeated call answers the same.
     */
    @Transactional
    public Erasure erase(UUID id) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "erasure:" + id).getSingleResult();
        Erasure done = erasure(id);
        if (done != null) {
            return done;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Atom> owned = atoms.findByOwner(id);
        for (Atom atom : owned) {
            atom.ownerId = null;
            atom.updatedAt = now;
        }
        atoms.flush();
        int comments = em.createNativeQuery("DELETE FROM feedback_comment WHERE author_contributor_id = ?1").setParameter(1, id).executeUpdate();
        int ratings = em.createNativeQuery("UPDATE rating SET author_subject = NULL, author_contributor_id = NULL WHERE author_contributor_id = ?1")
                .setParameter(1, id).executeUpdate();
        em.createNativeQuery("UPDATE chain SET owner_id = NULL WHERE owner_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("UPDATE atom_version SET registered_by = NULL, ci_client = NULL WHERE registered_by = ?1").setParameter(1, id)
                .executeUpdate();
        em.createNativeQuery("UPDATE ledger_entry SET ci_client = NULL, ci_salt = NULL WHERE actor_contributor_id = ?1 AND ci_client IS NOT NULL")
                .setParameter(1, id).executeUpdate();
        em.createNativeQuery("DELETE FROM restricted_contributor WHERE contributor_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("INSERT INTO contributor_erasure (contributor_id, erased_at, atoms, feedback) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, id).setParameter(2, now).setParameter(3, owned.size()).setParameter(4, comments + ratings).executeUpdate();
        Actor service = Actor.service();
        for (Atom atom : owned) {
            Map<String, Object> details = new HashMap<>();
            details.put("from", id);
            details.put("to", null);
            details.put("reason", "contributor erased");
            ledger.append(Event.OWNERSHIP_CHANGED, atom.id, atom.name, null, service, details);
        }
        ledger.append(Event.CONTRIBUTOR_ERASED, null, null, null, service,
                Map.of("contributor", id, "atoms", owned.size(), "feedback", comments + ratings));
        directory.forget(id);
        return new Erasure(id, now, owned.size(), comments + ratings);
    }

    private Erasure erasure(UUID id) {
        List<?> rows = em.createNativeQuery("SELECT erased_at, atoms, feedback FROM contributor_erasure WHERE contributor_id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Erasure(id, toInstant(row[0]), ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value);
    }
}
