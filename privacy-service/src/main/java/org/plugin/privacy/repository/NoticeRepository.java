package org.plugin.privacy.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class NoticeRepository implements PanacheRepositoryBase<NoticeVersion, String> {

    private static final Sort NEWEST_FIRST = Sort.descending("effectiveDate").and("publishedAt", Sort.Direction.Descending)
            .and("version", Sort.Direction.Descending);

    /** The version in force on {@code today}: the latest effective on or before it. */
    public Optional<NoticeVersion> current(LocalDate today) {
        return find("effectiveDate <= ?1", NEWEST_FIRST, today).firstResultOptional();
    }

    public List<NoticeVersion> allNewestFirst() {
        return listAll(NEWEST_FIRST);
    }
}
