package org.plugin.privacy.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ExportRepository implements PanacheRepositoryBase<ExportDocument, UUID> {

    public Optional<ExportDocument> byRequest(UUID requestId) {
        return find("requestId", requestId).firstResultOptional();
    }

    public long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    public long deleteForRequests(Collection<UUID> requestIds) {
        return requestIds.isEmpty() ? 0 : delete("requestId in ?1", requestIds);
    }
}
