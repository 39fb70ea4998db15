package org.plugin.privacy.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.api.NoticeDtos;
import org.plugin.privacy.api.NoticeDtos.CookieRegister;
import org.plugin.privacy.api.NoticeDtos.NewVersion;
import org.plugin.privacy.api.NoticeDtos.NoticeContent;
import org.plugin.privacy.api.NoticeDtos.NoticeView;
import org.plugin.privacy.api.NoticeDtos.VersionSummary;
import org.plugin.privacy.api.NoticeDtos.VersionView;
import org.plugin.privacy.repository.NoticeRepository;
import org.plugin.privacy.repository.NoticeVersion;

/** The notice and its cookie register as versioned documents: one in force, every version readable. */
@ApplicationScoped
public class NoticeService {

    private static final Pattern VERSION = Pattern.compile(NoticeDtos.VERSION_REGEXP);

    private final NoticeRepository notices;
    private final PlatformClock clock;
    private final Json json;
    private final AccessRules access;

    NoticeService(NoticeRepository notices, PlatformClock clock, Json json, AccessRules access) {
        this.notices = notices;
        this.clock = clock;
        this.json = json;
        this.access = access;
    }

    @Transactional
    public NoticeView notice() {
        NoticeVersion current = currentVersion();
        List<VersionSummary> versions = notices.allNewestFirst().stream()
                .map(v -> new VersionSummary(v.version, v.effectiveDate, v.publishedAt, v.version.equals(current.version),
                        "/api/privacy/notice/versions/" + v.version))
                .toList();
        return new NoticeView(view(current, current.version), versions);
    }

    /** How far ahead a version may be announced. */
    static final int MAX_YEARS_AHEAD = 10;

    @Transactional
    public VersionView version(String version) {
        if (!versionName(version)) {
            throw DomainException.notFound("No such notice version: versions are 1-40 letters, digits, dots, underscores or hyphens");
        }
        NoticeVersion v = notices.findByIdOptional(version).orElseThrow(() -> DomainException.notFound("No notice version '" + version + "'"));
        return view(v, currentVersion().version);
    }

    @Transactional
    public CookieRegister cookies() {
        NoticeVersion current = currentVersion();
        return new CookieRegister(current.version, current.effectiveDate, content(current).cookies());
    }

    /** The content in force, for the processing facts of ACCESS exports. */
    @Transactional
    public Optional<VersionView> current() {
        return notices.current(clock.today()).map(v -> view(v, v.version));
    }

    @Transactional
    public VersionView publish(Caller admin, NewVersion body) {
        String publishedBy = Actors.admin(access.subject(admin));
        if (notices.findByIdOptional(body.version()).isPresent()) {
            throw DomainException.conflict("Notice version '" + body.version() + "' exists; published versions are never changed");
        }
        checkEffectiveDate(body.effectiveDate(), clock.today());
        NoticeVersion v = new NoticeVersion();
        v.version = body.version();
        v.effectiveDate = body.effectiveDate();
        v.content = json.write(body.content());
        v.publishedAt = clock.now();
        v.publishedBy = publishedBy;
        notices.persist(v);
        notices.flush();
        return view(v, currentVersion().version);
    }

    /** Whether {@code version} can name a version at all (anything else is unknown without asking the database). */
    static boolean versionName(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** A version takes effect today or later (never in the past: readers were told otherwise), ten years ahead at most. */
    static void checkEffectiveDate(LocalDate effectiveDate, LocalDate today) {
        if (effectiveDate.isBefore(today)) {
            throw DomainException.invalid("effectiveDate must be today or later: a published notice cannot take effect in the past");
        }
        if (effectiveDate.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            throw DomainException.invalid("effectiveDate must be within " + MAX_YEARS_AHEAD + " years from today");
        }
    }

    private NoticeVersion currentVersion() {
        return notices.current(clock.today()).orElseThrow(() -> DomainException.notFound("No notice is in force yet"));
    }

    private NoticeContent content(NoticeVersion v) {
        return json.read(v.content, NoticeContent.class);
    }

    private VersionView view(NoticeVersion v, String currentVersion) {
        return new VersionView(v.version, v.effectiveDate, v.publishedAt, v.version.equals(currentVersion), content(v));
    }
}
