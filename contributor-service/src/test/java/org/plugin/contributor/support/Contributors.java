package org.plugin.contributor.support;

import java.time.Instant;
import java.util.UUID;

import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.Contributor.Status;

/** Contributor rows for the fast tier, as registration would have stored them. */
public final class Contributors {

    private Contributors() {
    }

    /** An active, unrestricted contributor registered at {@code at}: account {@code name}, subject {@code sub-name}. */
    public static Contributor active(String name, Instant at) {
        var c = new Contributor();
        c.id = UUID.randomUUID();
        c.subject = "sub-" + name;
        c.accountName = name;
        c.firstName = "Zoë";
        c.lastName = "O'Brien-Núñez";
        c.email = name + "@example.org";
        c.status = Status.ACTIVE;
        c.createdAt = at;
        c.updatedAt = at;
        return c;
    }
}
