package org.plugin.atom.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Ratings, comments and the per-Atom rating summary. */
@ApplicationScoped
public class FeedbackRepository {

    @Inject
    EntityManager em;

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
}
