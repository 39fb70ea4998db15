package org.plugin.atom.service.events;

import java.time.OffsetDateTime;

/**
 * A change of the catalog that dependants care about, recorded in the same transaction as the change.
 * Ids and names of Atoms and versions only, never personal data.
 *
 * @param id          the event's sequence number, unique and increasing
 * @param type        the CloudEvents type, one of the constants below
 * @param atomName    the Atom concerned
 * @param version     the version concerned, or null for an event on the whole Atom
 * @param occurredAt  when the change was committed (PlatformClock time)
 */
public record CatalogEvent(long id, String type, String atomName, String version, OffsetDateTime occurredAt) {
    public static final String VERSION_PUBLISHED = "org.plugin.atom.version.published";
    public static final String VERSION_DEPRECATED = "org.plugin.atom.version.deprecated";
    public static final String ATOM_DEPRECATED = "org.plugin.atom.deprecated";
    public static final String ATOM_REMOVED = "org.plugin.atom.removed";
    public static final String ATOM_TOMBSTONED = "org.plugin.atom.tombstoned";
    public static final String OWNER_CHANGED = "org.plugin.atom.owner.changed";
}
