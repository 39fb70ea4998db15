package org.plugin.contributor.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EmailReadRepository implements PanacheRepositoryBase<EmailRead, UUID> {

    public List<EmailRead> forContributor(UUID contributorId) {
        return list("contributorId = ?1 order by readAt, id", contributorId);
    }

    public long deleteForContributor(UUID contributorId) {
        return delete("contributorId", contributorId);
    }
}
