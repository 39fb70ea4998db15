package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.jpa.HibernateHints;

/** Ratings, comments and the per-Atom rating summary. */
@ApplicationScoped
public class FeedbackRepository {

    private final EntityManager em;

    FeedbackRepository(EntityManager em) {
        this.em = em;
    }

    /** Locks the Atom's rating summary: rating writes on one Atom are serialized, so the summary stays exact. */
    public void lockStats(UUID atomId) {
        em.createNativeQuery("SELECT atom_id FROM atom_rating_stats WHERE atom_id = ?1 FOR UPDATE").setParameter(1, atomId).getResultList();
    }

    /** Applies a change of one rating to the summary: {@code from} stars removed (0: none), {@code to} added (0: none). */
    public void applyToStats(UUID atomId, int from, int to) {
        StringBuilder sql = new StringBuilder("UPDATE atom_rating_stats SET rating_count = rating_count + ?2, rating_sum = rating_sum + ?3");
        if (from > 0) {
            sql.append(", stars_").append(from).append(" = stars_").append(from).append(" - 1");
        }
        if (to > 0) {
            sql.append(", stars_").append(to).append(" = stars_").append(to).append(" + 1");
        }
        sql.append(" WHERE atom_id = ?1");
        int count = (to > 0 ? 1 : 0) - (from > 0 ? 1 : 0);
        em.createNativeQuery(sql.toString()).setParameter(1, atomId).setParameter(2, count).setParameter(3, (long) to - from)
                .executeUpdate();
    }

    public Optional<Rating> rating(UUID atomId, String subject) {
        return em.createQuery("from Rating r where r.atomId = ?1 and r.authorSubject = ?2", Rating.class)
                .setParameter(1, atomId).setParameter(2, subject).getResultStream().findFirst();
    }

    /** Stores a rating now; {@link DuplicateKey} when the same author's first rating of the Atom was stored concurrently. */
    public void save(Rating rating) {
        em.persist(rating);
        DuplicateKey.on("rating_author_uk", em::flush);
    }

    /** Deletes a rating now (the summary is changed after it). */
    public void delete(Rating rating) {
        em.remove(rating);
        em.flush();
    }

    public List<FeedbackComment> comments(UUID atomId, int limit, int offset) {
        return em.createQuery("from FeedbackComment c where c.atomId = ?1 order by c.createdAt desc, c.id desc", FeedbackComment.class)
                .setParameter(1, atomId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countComments(UUID atomId) {
        return em.createQuery("select count(c) from FeedbackComment c where c.atomId = ?1", Long.class).setParameter(1, atomId)
                .getSingleResult();
    }

    public Optional<FeedbackComment> comment(UUID atomId, UUID commentId) {
        return Optional.ofNullable(em.find(FeedbackComment.class, commentId)).filter(c -> c.atomId.equals(atomId));
    }

    public void add(FeedbackComment comment) {
        em.persist(comment);
    }

    /** Deletes a comment now. */
    public void delete(FeedbackComment comment) {
        em.remove(comment);
        em.flush();
    }

    // --- by author, for privacy requests ---

    /** A contributor's ratings, oldest first, loaded read-only. */
    public List<Rating> readRatingsByContributor(UUID contributorId) {
        return em.createQuery("from Rating r where r.authorContributorId = ?1 order by r.createdAt, r.id", Rating.class)
                .setParameter(1, contributorId).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /** A contributor's comments, oldest first, loaded read-only. */
    public List<FeedbackComment> readCommentsByContributor(UUID contributorId) {
        return em.createQuery("from FeedbackComment c where c.authorContributorId = ?1 order by c.createdAt, c.id", FeedbackComment.class)
                .setParameter(1, contributorId).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /** The ratings written under a token subject, oldest first. */
    public List<Rating> ratingsBySubject(String subject) {
        return em.createQuery("from Rating r where r.authorSubject = ?1 order by r.createdAt, r.id", Rating.class)
                .setParameter(1, subject).getResultList();
    }

    /** The comments written under a token subject, oldest first. */
    public List<FeedbackComment> commentsBySubject(String subject) {
        return em.createQuery("from FeedbackComment c where c.authorSubject = ?1 order by c.createdAt, c.id", FeedbackComment.class)
                .setParameter(1, subject).getResultList();
    }

    /** Deletes the comments written under a token subject; how many. */
    public int deleteCommentsBySubject(String subject) {
        return em.createNativeQuery("DELETE FROM feedback_comment WHERE author_subject = ?1").setParameter(1, subject).executeUpdate();
    }

    /** Makes the ratings written under a token subject anonymous (the stars stay); how many. */
    public int anonymizeRatingsBySubject(String subject) {
        return em.createNativeQuery("UPDATE rating SET author_subject = NULL, author_contributor_id = NULL WHERE author_subject = ?1")
                .setParameter(1, subject).executeUpdate();
    }

    /** Deletes a contributor's comments; how many. */
    public int deleteCommentsByContributor(UUID contributorId) {
        return em.createNativeQuery("DELETE FROM feedback_comment WHERE author_contributor_id = ?1").setParameter(1, contributorId)
                .executeUpdate();
    }

    /** Makes a contributor's ratings anonymous (the stars stay); how many. */
    public int anonymizeRatingsByContributor(UUID contributorId) {
        return em.createNativeQuery("UPDATE rating SET author_subject = NULL, author_contributor_id = NULL WHERE author_contributor_id = ?1")
                .setParameter(1, contributorId).executeUpdate();
    }
}
