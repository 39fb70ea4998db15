package org.plugin.atom.service;

import static org.plugin.atom.service.CatalogMapper.as;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.plugin.atom.api.AtomDtos;
import org.plugin.atom.api.AtomDtos.AtomMetadata;
import org.plugin.atom.api.AtomDtos.Outcome;
import org.plugin.atom.api.AtomDtos.Registration;
import org.plugin.atom.api.AtomDtos.ValidationProblem;
import org.plugin.atom.api.AtomDtos.VersionContent;
import org.plugin.atom.api.LicenseExpression;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.atom.repository.DuplicateKey;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.CatalogEvents;
import org.plugin.common.error.DomainException;
import org.plugin.common.error.DomainException.Kind;
import org.plugin.common.time.PlatformClock;


/**
 * The CI call: {@code PUT /api/atoms/{name}/versions/{version}}. A published version is immutable:
 * the same content again changes nothing (200), different content is refused (409). The same
 * planning answers the dry run, which writes nothing.
 */
@ApplicationScoped
public class RegistrationService {

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    /** Content in normal form (lists sorted), with its SHA-256. */
    record NormalContent(List<AtomVersion.Artifact> artifacts, List<String> languages, List<AtomVersion.ConnectionPoint> connectionPoints,
            String releaseNotes, String digest) {
    }

    record Plan(Outcome outcome, boolean createAtom, boolean updateAtom, Atom atom, AtomVersion existing, AtomMetadata metadata,
            NormalContent content, State target, Actor actor) {
    }

    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final LedgerService ledger;
    private final AccessRules access;
    private final PlatformClock clock;
    private final Validator validator;
    private final CatalogEvents events;

    RegistrationService(AtomRepository atoms, VersionRepository versions, LedgerService ledger, AccessRules access, PlatformClock clock,
            Validator validator, CatalogEvents events) {
        this.events = events;
        this.atoms = atoms;
        this.versions = versions;
        this.ledger = ledger;
        this.access = access;
        this.clock = clock;
        this.validator = validator;
    }

    @Transactional
    public Registration register(String name, String version, VersionContent body) {
        Plan plan = plan(name, version, body, true);
        Instant now = clock.instant();
        Atom atom = plan.atom();
        if (plan.createAtom()) {
            atom = AtomService.newAtom(name, plan.metadata(), plan.actor().contributorId(), now);
            try {
                atoms.insert(atom);
            } catch (DuplicateKey e) {
                throw new Conflicts.RaceLost("Atom '" + name + "' was created concurrently", e);
            }
            atoms.createRatingStats(atom.id);
        } else if (plan.updateAtom()) {
            CatalogMapper.apply(atom, plan.metadata());
            atom.updatedAt = now;
        }
        AtomVersion v = plan.existing();
        boolean publishing = plan.target() == State.PUBLISHED && (v == null || v.state == State.DRAFT);
        boolean versionChanged = v == null || v.state == State.DRAFT && (publishing || !v.contentDigest.equals(plan.content().digest()));
        if (v == null) {
            v = new AtomVersion();
            v.id = UUID.randomUUID();
            v.atomId = atom.id;
            v.version = version;
            v.createdAt = now;
            v.registeredBy = plan.actor().contributorId();
            v.ciClient = plan.actor().ciClient();
        }
        if (versionChanged) {
            v.artifacts = new ArrayList<>(plan.content().artifacts());
            v.languages = new ArrayList<>(plan.content().languages());
            v.connectionPoints = new ArrayList<>(plan.content().connectionPoints());
            v.releaseNotes = plan.content().releaseNotes();
            v.contentDigest = plan.content().digest();
            v.state = plan.target();
            v.updatedAt = now;
            if (publishing) {
                v.publishedAt = now;
            }
            versions.persist(v);
            versions.flush();
            if (publishing) {
                // one version joins the published ones: compare it with the latest, not every version again
                // (an Atom registered by CI may have thousands; loading them all made each publish slower)
                atom.latestVersion = later(atom.latestVersion, version);
                atom.updatedAt = now;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (plan.createAtom()) {
            ledger.append(Event.ATOM_CREATED, atom.id, atom.name, null, plan.actor(), Map.of("owner", atom.ownerId, "kind", atom.kind));
        } else if (plan.updateAtom()) {
            ledger.append(Event.ATOM_UPDATED, atom.id, atom.name, null, plan.actor(), Map.of());
        }
        if (versionChanged) {
            details.put("contentDigest", v.contentDigest);
            details.put("artifacts", v.artifacts.stream().map(AtomVersion.Artifact::digest).sorted().toList());
            ledger.append(publishing ? Event.VERSION_PUBLISHED : Event.VERSION_DRAFTED, atom.id, atom.name, version, plan.actor(), details);
            if (publishing) {
                events.record(CatalogEvent.VERSION_PUBLISHED, atom.id, atom.name, version);
            }
        }
        return new Registration(plan.outcome(), plan.createAtom(), plan.updateAtom(), CatalogMapper.view(atom.name, v));
    }

    /**
     * What the dry run found: the outcome {@link #register} would have, or the kind of refusal it would
     * answer with ({@code problems} say why); {@code warnings} either way.
     */
    public record DryRun(Outcome outcome, boolean atomCreated, boolean atomUpdated, DomainException.Kind refusal,
            List<ValidationProblem> problems, List<String> warnings) {

        public boolean accepted() {
            return refusal == null;
        }

        static DryRun refused(DomainException.Kind refusal, List<ValidationProblem> problems, List<String> warnings) {
            return new DryRun(null, false, false, refusal, problems, warnings);
        }
    }

    /** What {@link #register} would answer, computed without writing anything. */
    public DryRun dryRun(String name, String version, VersionContent body) {
        if (body == null) {
            return DryRun.refused(Kind.INVALID, List.of(new ValidationProblem(null, "A request body is required")), List.of());
        }
        List<String> warnings = body.atom() == null || body.atom().license() == null ? List.of()
                : LicenseExpression.check(body.atom().license()).warnings();
        Set<ConstraintViolation<VersionContent>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<ValidationProblem> problems = violations.stream()
                    .map(v -> new ValidationProblem(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(ValidationProblem::field).thenComparing(ValidationProblem::detail)).toList();
            return DryRun.refused(Kind.INVALID, problems, warnings);
        }
        try {
            Plan plan = plan(name, version, body, false);
            return new DryRun(plan.outcome(), plan.createAtom(), plan.updateAtom(), null, List.of(), warnings);
        } catch (DomainException refused) {
            return DryRun.refused(refused.kind(), List.of(new ValidationProblem(null, refused.detail())), warnings);
        }
    }

    Plan plan(String name, String version, VersionContent body, boolean lock) {
        AtomService.requireValidName(name);
        if (SemanticVersion.parse(version) == null) {
            throw DomainException.invalid("'" + abbreviate(version) + "' is not a semantic version (MAJOR.MINOR.PATCH[-pre-release][+build], at most "
                    + SemanticVersion.MAX_LENGTH + " characters)");
        }
        State target = body.state() == null ? State.PUBLISHED : as(State.class, body.state());
        if (target == State.DEPRECATED) {
            throw DomainException.invalid("state must be DRAFT or PUBLISHED; deprecate a version with POST /api/atoms/" + name + "/versions/"
                    + version + "/deprecation");
        }
        NormalContent content = normalize(body);
        Actor who = access.asContributor();
        Atom atom = (lock ? atoms.lockByName(name) : atoms.findByName(name)).orElse(null);
        if (atom == null) {
            if (body.atom() == null) {
                throw DomainException.invalid("Atom '" + name + "' does not exist yet; send its descriptive fields in 'atom' to create it with this version");
            }
            return new Plan(Outcome.CREATED, true, false, null, null, CatalogMapper.normal(body.atom()), content, target, who);
        }
        if (atom.lifecycle == Atom.Lifecycle.REMOVED) {
            throw DomainException.conflict("Atom '" + name + "' was removed; it accepts no new versions");
        }
        who = access.requireOwner(atom.ownerId, name, "register its versions");
        AtomMetadata metadata = body.atom() == null ? null : CatalogMapper.normal(body.atom());
        boolean updateAtom = metadata != null && !metadata.equals(CatalogMapper.normal(CatalogMapper.metadata(atom)));
        AtomVersion existing = versions.find(atom.id, version).orElse(null);
        Outcome outcome;
        if (existing == null) {
            outcome = Outcome.CREATED;
        } else if (existing.state == State.DRAFT) {
            boolean same = existing.contentDigest.equals(content.digest()) && target == State.DRAFT;
            outcome = same && !updateAtom ? Outcome.UNCHANGED : Outcome.UPDATED;
        } else {
            if (!existing.contentDigest.equals(content.digest())) {
                throw DomainException.conflict("Version " + version + " of Atom '" + name + "' is " + existing.state
                        + " and immutable: the content sent differs from the registered one (registered content digest "
                        + existing.contentDigest + ", sent " + content.digest() + "); publish it under a new version");
            }
            if (target == State.DRAFT) {
                throw DomainException.conflict("Version " + version + " of Atom '" + name + "' is already " + existing.state + "; it cannot go back to DRAFT");
            }
            outcome = updateAtom ? Outcome.UPDATED : Outcome.UNCHANGED;
        }
        return new Plan(outcome, false, updateAtom, atom, existing, metadata, content, target, who);
    }

    /** Sorted lists, duplicates refused, protocols upper-cased; the digest covers exactly this form. */
    static NormalContent normalize(VersionContent body) {
        Set<String> seen = new HashSet<>();
        for (var a : body.artifacts()) {
            if (!seen.add(a.type() + " " + a.reference())) {
                throw DomainException.invalid("artifacts: " + a.type() + " '" + a.reference() + "' is listed twice");
            }
        }
        List<AtomVersion.Artifact> artifacts = body.artifacts().stream()
                .map(a -> new AtomVersion.Artifact(as(AtomVersion.ArtifactType.class, a.type()), a.reference(), a.digest()))
                .sorted(Comparator.comparing((AtomVersion.Artifact a) -> a.type().name()).thenComparing(AtomVersion.Artifact::reference))
                .toList();
        List<String> languages = body.languages() == null ? List.of() : body.languages().stream().map(String::strip).distinct().sorted().toList();
        seen.clear();
        List<AtomVersion.ConnectionPoint> points = new ArrayList<>();
        for (var p : body.connectionPoints() == null ? List.<AtomDtos.ConnectionPoint>of() : body.connectionPoints()) {
            if (!seen.add(p.name())) {
                throw DomainException.invalid("connectionPoints: the name '" + p.name() + "' is used twice; connection point names must be unique");
            }
            points.add(new AtomVersion.ConnectionPoint(p.name(), p.protocol().toUpperCase(Locale.ROOT), as(AtomVersion.Direction.class, p.direction())));
        }
        points.sort(Comparator.comparing(AtomVersion.ConnectionPoint::name));
        String notes = body.releaseNotes() == null || body.releaseNotes().isBlank() ? null : body.releaseNotes().strip();
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("artifacts", artifacts);
        canonical.put("languages", languages);
        canonical.put("connectionPoints", points);
        canonical.put("releaseNotes", notes);
        return new NormalContent(artifacts, languages, List.copyOf(points), notes, sha256(canonical));
    }

    /** Which published version is the latest: releases before pre-releases, then by precedence. */
    private static final Comparator<SemanticVersion> LATEST = Comparator.comparing((SemanticVersion s) -> !s.isPreRelease())
            .thenComparing(SemanticVersion.PRECEDENCE);

    /** The highest published version, preferring releases over pre-releases; null if none. */
    static String latest(List<AtomVersion> all) {
        return all.stream().filter(v -> v.state == State.PUBLISHED).map(v -> SemanticVersion.parse(v.version))
                .filter(Objects::nonNull).max(LATEST).map(SemanticVersion::text).orElse(null);
    }

    /**
     * {@link #latest} once {@code published} joins the published versions whose latest is {@code current}
     * (null: none): the same answer without reading them all.
     */
    static String later(String current, String published) {
        SemanticVersion added = SemanticVersion.parse(published);
        SemanticVersion now = current == null ? null : SemanticVersion.parse(current);
        if (added == null) {
            return now == null ? null : now.text();
        }
        return now == null || LATEST.compare(added, now) > 0 ? added.text() : now.text();
    }

    private static String sha256(Object value) {
        try {
            byte[] json = CANONICAL.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
