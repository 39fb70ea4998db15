package org.plugin.privacy.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RequestEventRepository implements PanacheRepositoryBase<RequestEvent, Long> {

    public List<RequestEvent> history(UUID requestId) {
        return list("requestId", Sort.by("id"), requestId);
    }

    /** The histories of several requests in one query (a page of requests), each in order. */
    public Map<UUID, List<RequestEvent>> histories(Collection<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return list("requestId in ?1", Sort.by("id"), requestIds).stream()
                .collect(Collectors.groupingBy(e -> e.requestId, Collectors.toList()));
    }

    /** Drops the free text of the histories of an erased person's requests; the events themselves stay. */
    public void eraseNotes(Collection<UUID> requestIds) {
        update("note = null where requestId in ?1", requestIds);
    }
}
