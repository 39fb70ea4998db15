package org.plugin.contributor.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Vetoed;

import org.plugin.contributor.repository.EmailRead;
import org.plugin.contributor.repository.EmailReadRepository;
import org.plugin.contributor.repository.RectificationAudit;
import org.plugin.contributor.repository.RectificationAuditRepository;

/** The two audits of the personal data (rectifications, admin email reads) in lists, for the fast tier. */
public final class InMemoryAudits {

    private InMemoryAudits() {
    }

    @Vetoed
    public static class Rectifications extends RectificationAuditRepository {

        public final List<RectificationAudit> rows = new ArrayList<>();

        @Override
        public void persist(RectificationAudit audit) {
            rows.add(audit);
        }

        @Override
        public List<RectificationAudit> forContributor(UUID contributorId) {
            return rows.stream().filter(a -> a.contributorId.equals(contributorId)).toList();
        }

        @Override
        public long deleteForContributor(UUID contributorId) {
            long before = rows.size();
            rows.removeIf(a -> a.contributorId.equals(contributorId));
            return before - rows.size();
        }
    }

    @Vetoed
    public static class EmailReads extends EmailReadRepository {

        public final List<EmailRead> rows = new ArrayList<>();

        @Override
        public void persist(Iterable<EmailRead> reads) {
            reads.forEach(rows::add);
        }

        @Override
        public List<EmailRead> forContributor(UUID contributorId) {
            return rows.stream().filter(r -> r.contributorId.equals(contributorId)).toList();
        }

        @Override
        public long deleteForContributor(UUID contributorId) {
            long before = rows.size();
            rows.removeIf(r -> r.contributorId.equals(contributorId));
            return before - rows.size();
        }
    }
}
