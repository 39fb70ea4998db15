package org.plugin.privacy.repository;

import java.util.List;

import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/** ?limit&offset over a sorted Panache query, for the repositories' list methods. */
final class Paging {

    private Paging() {
    }

    static <T> Page<T> page(PanacheQuery<T> query, PageRequest request) {
        long total = query.count();
        List<T> items = total == 0 || request.offset() >= total ? List.of()
                : query.range(request.offset(), request.offset() + request.limit() - 1).list();
        return Page.of(items, total, request);
    }
}
