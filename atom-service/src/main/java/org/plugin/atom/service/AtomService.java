package org.plugin.atom.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.atom.api.AtomDtos;
import org.plugin.atom.api.AtomDtos.AtomCreate;
import org.plugin.atom.api.AtomDtos.AtomMetadata;
import org.plugin.atom.api.AtomDtos.AtomPatch;
import org.plugin.atom.api.AtomDtos.Removal;
import org.plugin.atom.api.AtomDtos.RemovalOutcome;
import org.plugin.atom.api.AtomDtos.VersionView;
import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.Atom.Lifecycle;
import org.plugin.atom.repository.AtomRepository;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.State;
import org.plugin.atom.repository.ChainRepository;
import org.plugin.atom.repository.ChainRepository.Use;
import org.plugin.atom.repository.DuplicateKey;
import org.plugin.atom.repository.LedgerEntry.Event;
import org.plugin.atom.repository.NotificationRepository;
import org.plugin.atom.repository.VersionRepository;
import org.plugin.atom.service.events.CatalogEvent;
import org.plugin.atom.service.events.CatalogEvents;
import org.plugin.common.error.DomainException;
import org.plugin.common.time.PlatformClock;

/** Atom writes: creation, update, deprecation, ownership, removal (with tombstones). */
@ApplicationScoped
public class AtomService {

    /** Names that are paths of this API (or may become so), never Atom names. */
    static final Set<String> RESERVED = Set.of("openapi", "swagger-ui", "ledger", "validation", "admin", "search", "chains", "internal",
            "new", "mine", "health", "metrics");

    private final AtomRepository atoms;
    private final VersionRepository versions;
    private final ChainRepository chains;
    private final LedgerService ledger;
    private final AccessRules access;
    private final ContributorDirectory directory;
    private final PlatformClock clock;
    private final CatalogEvents events;
    private final NotificationRepository subscriptions;

    AtomService(AtomRepository atoms, VersionRepository versions, ChainRepository chains, LedgerService ledger, AccessRules access,
            ContributorDirectory directory, PlatformClock clock, CatalogEvents events, NotificationRepository subscriptions) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.atoms = atoms;
        this.versions = versions;
        this.chains = chains;
        this.ledger = ledger;
        this.access = access;
        this.directory = directory;
        this.clock = clock;
    }

    static void requireValidName(String name) {
        if (name == null || !name.matches(AtomDtos.SLUG)) {
            throw DomainException.invalid("The Atom name '" + RegistrationService.abbreviate(name) + "' " + AtomDtos.SLUG_MESSAGE);
        }
        if (RESERVED.contains(name)) {
            throw DomainException.invalid("'" + name + "' is reserved by the API and cannot name an Atom");
        }
    }

    static Atom newAtom(String name, AtomMetadata metadata, UUID ownerId, Instant now) {
        var atom = new Atom();
        atom.id = UUID.randomUUID();
        atom.name = name;
        CatalogMapper.apply(atom, metadata);
        atom.ownerId = ownerId;
        atom.lifecycle = Lifecycle.ACTIVE;
        atom.createdAt = now;
        atom.updatedAt = now;
        return atom;
    }

    /** Creates an Atom owned by the caller (a registered ACTIVE contributor, or their CI). */
    @Transactional
    public void create(AtomCreate create) {
        requireValidName(create.name());
        Actor who = access.asContributor();
        if (atoms.findByName(create.name()).isPresent()) {
            throw DomainException.conflict("The Atom name '" + create.name() + "' is taken");
        }
        Atom atom = newAtom(create.name(), CatalogMapper.normal(create.metadata()), who.contributorId(), clock.instant());
        try {
            atoms.insert(atom);
        } catch (DuplicateKey e) {
            throw DomainException.conflict("The Atom name '" + create.name() + "' is taken");
        }
        atoms.createRatingStats(atom.id);
        ledger.append(Event.ATOM_CREATED, atom.id, atom.name, null, who, Map.of("owner", atom.ownerId, "kind", atom.kind));
    }

    @Transactional
    public void update(String name, AtomPatch patch) {
        access.resolveBeforeLocking();
        Atom atom = live(atoms.lockByName(name).orElse(null), name);
        Actor who = access.requireOwnerOrAdmin(atom.ownerId, "Atom '" + name + "'", "change it");
        AtomMetadata current = CatalogMapper.metadata(atom);
        AtomMetadata next = CatalogMapper.normal(new AtomMetadata(
                or(patch.displayName(), current.displayName()), or(patch.summary(), current.summary()),
                or(patch.description(), current.description()), or(patch.kind(), current.kind()), or(patch.category(), current.category()),
                or(patch.tags(), current.tags()), or(patch.license(), current.license()), or(patch.sourceUrl(), current.sourceUrl()),
                or(patch.documentationUrl(), current.documentationUrl())));
        if (next.displayName().isEmpty() || next.summary().isEmpty()) {
            throw DomainException.invalid("displayName and summary must not be blank");
        }
        if (!next.equals(CatalogMapper.normal(current))) {
            CatalogMapper.apply(atom, next);
            atom.updatedAt = clock.instant();
            ledger.append(Event.ATOM_UPDATED, atom.id, atom.name, null, who, Map.of());
        }
    }

    @Transactional
    public void deprecate(String name) {
        access.resolveBeforeLocking();
        Atom atom = live(atoms.lockByName(name).orElse(null), name);
        Actor who = access.requireOwnerOrAdmin(atom.ownerId, "Atom '" + name + "'", "deprecate it");
        if (atom.lifecycle != Lifecycle.DEPRECATED) {
            atom.lifecycle = Lifecycle.DEPRECATED;
            atom.deprecatedAt = clock.instant();
            atom.updatedAt = atom.deprecatedAt;
            ledger.append(Event.ATOM_DEPRECATED, atom.id, atom.name, null, who, Map.of());
            events.record(CatalogEvent.ATOM_DEPRECATED, atom.id, atom.name, null);
        }
    }

    @Transactional
    public VersionView deprecateVersion(String name, String version) {
        access.resolveBeforeLocking();
        Atom atom = live(atoms.lockByName(name).orElse(null), name);
        // ownership first: for anyone else a draft must look like no version at all
        Actor who = access.requireOwnerOrAdmin(atom.ownerId, "Atom '" + name + "'", "deprecate its versions");
        AtomVersion v = versions.find(atom.id, version)
                .orElseThrow(() -> DomainException.notFound("Atom '" + name + "' has no version " + RegistrationService.abbreviate(version)));
        if (v.state == State.DRAFT) {
            throw DomainException.conflict("Version " + version + " of Atom '" + name + "' is a DRAFT; only published versions can be deprecated");
        }
        if (v.state == State.PUBLISHED) {
            Instant now = clock.instant();
            v.state = State.DEPRECATED;
            v.deprecatedAt = now;
            v.updatedAt = now;
            versions.flush();
            atom.latestVersion = RegistrationService.latest(versions.findByAtom(atom.id));
            atom.updatedAt = now;
            ledger.append(Event.VERSION_DEPRECATED, atom.id, atom.name, version, who, Map.of());
            events.record(CatalogEvent.VERSION_DEPRECATED, atom.id, atom.name, version);
        }
        return CatalogMapper.view(atom.name, v);
    }

    /** Admins hand an Atom to another registered, active contributor. */
    @Transactional
    public void changeOwner(String name, String accountName) {
        // contributor-service first, so that no lock is held while waiting for it
        // details never repeat the account name: problem details are logged
        var target = directory.byAccountName(accountName)
                .orElseThrow(() -> DomainException.invalid("No contributor is registered with this account name"));
        Atom atom = live(atoms.lockByName(name).orElse(null), name);
        if (!target.active()) {
            throw DomainException.conflict("This contributor is " + target.status() + "; only an ACTIVE contributor can own an Atom");
        }
        if (!target.id().equals(atom.ownerId)) {
            Map<String, Object> details = new HashMap<>();
            details.put("from", atom.ownerId);
            details.put("to", target.id());
            atom.ownerId = target.id();
            atom.updatedAt = clock.instant();
            ledger.append(Event.OWNERSHIP_CHANGED, atom.id, atom.name, null, access.asAdmin(), details);
            events.record(CatalogEvent.OWNER_CHANGED, atom.id, atom.name, null);
        }
    }

    /**
     * The owner (or an admin) removes an Atom. If any chain uses one of its versions it becomes a
     * tombstone (REMOVED, hidden from search, still resolvable by those chains); otherwise it is
     * deleted with its versions and feedback. The ledger keeps its history either way.
     */
    @Transactional
    public Removal remove(String name) {
        access.resolveBeforeLocking();
        Atom atom = atoms.lockByName(name).orElseThrow(() -> DomainException.notFound("No Atom named '" + name + "'"));
        if (atom.lifecycle == Lifecycle.REMOVED) {
            throw DomainException.notFound("Atom '" + name + "' was already removed");
        }
        Actor who = access.requireOwnerOrAdmin(atom.ownerId, "Atom '" + name + "'", "remove it");
        List<Use> using = chains.chainsUsingAtom(atom.id);
        long othersChains = using.stream().filter(use -> !Objects.equals(use.ownerId(), atom.ownerId)).count();
        Map<String, Object> details = new HashMap<>();
        details.put("chains", using.size());
        details.put("otherOwnersChains", othersChains);
        if (!using.isEmpty()) {
            Instant now = clock.instant();
            atom.lifecycle = Lifecycle.REMOVED;
            atom.removedAt = now;
            atom.updatedAt = now;
            ledger.append(Event.ATOM_TOMBSTONED, atom.id, atom.name, null, who, details);
            events.record(CatalogEvent.ATOM_TOMBSTONED, atom.id, atom.name, null);
            return new Removal(name, RemovalOutcome.TOMBSTONED, using.size());
        }
        UUID id = atom.id;
        atoms.delete(atom);
        atoms.flush();
        ledger.append(Event.ATOM_REMOVED, id, name, null, who, details);
        // its subscribers hear of it, then their subscriptions go (EventDispatcher)
        events.record(CatalogEvent.ATOM_REMOVED, id, name, null);
        return new Removal(name, RemovalOutcome.REMOVED, 0);
    }

    /** Deletes tombstones no chain uses any more (after a chain was deleted). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeUnusedTombstones(List<UUID> atomIds, Actor who) {
        // in id order (as PostgreSQL orders uuids: their text), the order chain creation share-locks Atoms in
        for (UUID id : atomIds.stream().sorted(Comparator.comparing(UUID::toString)).toList()) {
            Atom atom = atoms.findById(id);
            if (atom != null && atom.lifecycle == Lifecycle.REMOVED && chains.chainsUsingAtom(id).isEmpty()) {
                atoms.delete(atom);
                atoms.flush();
                ledger.append(Event.ATOM_PURGED, id, atom.name, null, who, Map.of("reason", "no chain uses it any more"));
                // heard of as tombstoned already; a new Atom of that name starts with no subscribers
                subscriptions.dropSubscriptionsTo(atom.name);
            }
        }
    }

    static Atom live(Atom atom, String name) {
        if (atom == null || atom.lifecycle == Lifecycle.REMOVED) {
            throw DomainException.notFound("No Atom named '" + name + "'");
        }
        return atom;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
