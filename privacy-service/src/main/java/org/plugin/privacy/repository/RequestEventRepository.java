package org.plugin.privacy.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RequestEventRepository implements PanacheRepositoryBase<RequestEvent, Long> {

    public List<RequestEvent> history(UUID requestId) {
        return list("requestId", Sort.by("id"), requestId);
    }
}
