package org.plugin.contributor.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RectificationAuditRepository implements PanacheRepositoryBase<RectificationAudit, UUID> {

    public List<RectificationAudit> forContributor(UUID contributorId) {
        return list("contributorId = ?1 order by changedAt, id", contributorId);
    }

    public long deleteForContributor(UUID contributorId) {
        return delete("contributorId", contributorId);
    }
}
