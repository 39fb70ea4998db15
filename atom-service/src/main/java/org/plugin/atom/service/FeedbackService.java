package org.plugin.atom.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.FeedbackDtos.CommentView;
import org.plugin.atom.api.FeedbackDtos.ModerationReason;
import org.plugin.atom.api.FeedbackDtos.RatingView;
import org.plugin.atom.client.ContributorClient.ResolvedContributor;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.DuplicateKey;
import org.plugin.atom.repository.FeedbackComment;
import org.plugin.atom.repository.FeedbackRepository;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.Rating;
import org.plugin.atom.repository.RestrictionRepository;
import org.plugin.atom.service.ContributorDirectory.PublicName;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/**
 * Ratings (1-5, one per user per Atom, updatable) and comments (authors delete their own, admins
 * moderate). Authors are known by token subject, and by contributor id when they are contributors,
 * so that an access or erasure request finds their feedback.
 */
@ApplicationScoped
public class FeedbackService {

    private final AtomRepository atoms;
    private final FeedbackRepository feedback;
    private final RestrictionRepository restrictions;
    private final AccessRules access;
    private final ContributorDirectory directory;
    private final LedgerService ledger;
    private final PlatformClock clock;

    FeedbackService(AtomRepository atoms, FeedbackRepository feedback, RestrictionRepository restrictions, AccessRules access,
            ContributorDirectory directory, LedgerService ledger, PlatformClock clock) {
        this.atoms = atoms;
        this.feedback = feedback;
        this.restrictions = restrictions;
        this.access = access;
        this.directory = directory;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Rated(RatingView rating, boolean created) {
    }

    @Transactional
    public Rated rate(String name, int stars) {
        // contributor-service first (no lock held while waiting for it); the Atom share-locked so no removal deletes it meanwhile
        UUID contributorId = access.userContributor().map(ResolvedContributor::id).orElse(null);
        Atom atom = AtomService.live(atoms.shareByName(name).orElse(null), name);
        feedback.lockStats(atom.id);
        Instant now = clock.instant();
        var existing = feedback.rating(atom.id, access.caller().subject());
        Rating r;
        int previous = 0;
        if (existing.isPresent()) {
            r = existing.get();
            previous = r.stars;
        } else {
            r = new Rating();
            r.id = UUID.randomUUID();
            r.atomId = atom.id;
            r.authorSubject = access.caller().subject();
            r.createdAt = now;
        }
        r.authorContributorId = contributorId;
        if (previous != stars || existing.isEmpty()) {
            r.stars = (short) stars;
            r.updatedAt = now;
            try {
                feedback.save(r);
            } catch (DuplicateKey e) {
                throw DomainException.conflict("Your rating of '" + name + "' was being changed concurrently; try again");
            }
            feedback.applyToStats(atom.id, previous, stars);
        }
        return new Rated(new RatingView(atom.name, r.stars, r.createdAt, r.updatedAt), existing.isEmpty());
    }

    public RatingView myRating(String name) {
        Atom atom = AtomService.live(atoms.findByName(name).orElse(null), name);
        Rating r = feedback.rating(atom.id, access.caller().subject()).orElseThrow(() -> DomainException.notFound("You have not rated '" + name + "'"));
        return new RatingView(atom.name, r.stars, r.createdAt, r.updatedAt);
    }

    @Transactional
    public void deleteMyRating(String name) {
        Atom atom = AtomService.live(atoms.findByName(name).orElse(null), name);
        feedback.lockStats(atom.id);
        Rating r = feedback.rating(atom.id, access.caller().subject()).orElseThrow(() -> DomainException.notFound("You have not rated '" + name + "'"));
        feedback.delete(r);
        feedback.applyToStats(atom.id, r.stars, 0);
    }

    /** A comment just stored, and the Atom it is about. */
    public record Posted(Atom atom, FeedbackComment comment) {
    }

    /** Stores a comment; {@link #view(Posted)} shows it once the transaction is over (it asks contributor-service for names). */
    @Transactional
    public Posted comment(String name, String body) {
        UUID contributorId = access.userContributor().map(ResolvedContributor::id).orElse(null);
        Atom atom = AtomService.live(atoms.shareByName(name).orElse(null), name);
        var c = new FeedbackComment();
        c.id = UUID.randomUUID();
        c.atomId = atom.id;
        c.authorSubject = access.caller().subject();
        c.authorContributorId = contributorId;
        c.body = body.strip();
        c.createdAt = clock.instant();
        feedback.add(c);
        return new Posted(atom, c);
    }

    public CommentView view(Posted posted) {
        return views(posted.atom(), List.of(posted.comment())).get(0);
    }

    public Page<CommentView> comments(String name, PageRequest page) {
        Atom atom = atoms.findByName(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        var list = feedback.comments(atom.id, page.limit(), page.offset());
        return Page.of(views(atom, list), feedback.countComments(atom.id), page);
    }

    /** Authors delete their own comments; admins delete anyone's as moderation, recorded in the ledger. */
    @Transactional
    public void deleteComment(String name, UUID commentId, String reasonCode) {
        ModerationReason reason = QueryValues.enumValue(ModerationReason.class, "reason", reasonCode);
        Atom atom = atoms.findByName(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        FeedbackComment c = feedback.comment(atom.id, commentId)
                .orElseThrow(() -> DomainException.notFound("Atom '" + name + "' has no comment " + commentId));
        boolean moderation = access.moderates(c.authorSubject);
        feedback.delete(c);
        if (moderation) {
            ledger.append(Event.FEEDBACK_MODERATED, atom.id, atom.name, null, access.asAdmin(),
                    Map.of("comment", c.id, "reason", reason == null ? ModerationReason.OTHER : reason));
        }
    }

    private List<CommentView> views(Atom atom, List<FeedbackComment> comments) {
        Set<UUID> authors = new HashSet<>();
        comments.stream().map(c -> c.authorContributorId).filter(Objects::nonNull).forEach(authors::add);
        Set<UUID> restricted = restrictions.restrictedAmong(authors);
        authors.removeAll(restricted);
        Map<UUID, PublicName> names = authors.isEmpty() ? Map.of() : directory.names(authors);
        String me = access.caller().subject();
        return comments.stream().map(c -> new CommentView(c.id, atom.name, c.body,
                c.authorContributorId == null ? null : CatalogService.owner(c.authorContributorId, restricted.contains(c.authorContributorId), names),
                c.authorSubject.equals(me), c.createdAt)).toList();
    }
}
