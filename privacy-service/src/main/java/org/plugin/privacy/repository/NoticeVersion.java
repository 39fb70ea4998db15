package org.plugin.privacy.repository;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One published version of the notice and its cookie register; the content is a JSON document. */
@Entity
@Table(name = "notice_version")
public class NoticeVersion {

    @Id
    public String version;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    public String content;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;
}
