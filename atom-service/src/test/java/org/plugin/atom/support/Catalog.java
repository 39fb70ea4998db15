package org.plugin.atom.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.plugin.atom.repository.Atom;
import org.plugin.atom.repository.AtomVersion;
import org.plugin.atom.repository.AtomVersion.ConnectionPoint;
import org.plugin.atom.repository.AtomVersion.Direction;
import org.plugin.atom.repository.AtomVersion.State;

/** Atoms and versions as the repositories hand them to the services, built in memory for the fast tier. */
public final class Catalog {

    private Catalog() {
    }

    public static Atom atom(String name, UUID ownerId) {
        var atom = new Atom();
        atom.id = UUID.randomUUID();
        atom.name = name;
        atom.displayName = name;
        atom.summary = "A test Atom";
        atom.description = "";
        atom.kind = Atom.Kind.VNF;
        atom.category = "networking";
        atom.license = "MIT";
        atom.ownerId = ownerId;
        atom.lifecycle = Atom.Lifecycle.ACTIVE;
        atom.createdAt = Instant.parse("2026-01-01T00:00:00Z");
        atom.updatedAt = atom.createdAt;
        return atom;
    }

    public static AtomVersion version(Atom atom, String version, State state, ConnectionPoint... points) {
        var v = new AtomVersion();
        v.id = UUID.randomUUID();
        v.atomId = atom.id;
        v.version = version;
        v.state = state;
        v.connectionPoints = List.of(points);
        v.contentDigest = "0".repeat(64);
        v.createdAt = atom.createdAt;
        v.updatedAt = atom.createdAt;
        return v;
    }

    public static ConnectionPoint in(String name, String protocol) {
        return new ConnectionPoint(name, protocol, Direction.IN);
    }

    public static ConnectionPoint out(String name, String protocol) {
        return new ConnectionPoint(name, protocol, Direction.OUT);
    }

    public static ConnectionPoint both(String name, String protocol) {
        return new ConnectionPoint(name, protocol, Direction.BIDIRECTIONAL);
    }
}
