package org.plugin.privacy.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.common.security.Roles;
import org.plugin.common.time.PlatformClock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Helpers of the fast tier (no Quarkus boot, no database): callers, a clock set to a given time, a JSON mapper. */
public final class UnitFixtures {

    /** The JUnit tag of the fast tier: {@code -Dgroups=unit} runs it alone, {@code -DexcludedGroups=unit} the rest. */
    public static final String UNIT = "unit";

    private UnitFixtures() {
    }

    public static Caller user(String subject) {
        return new Caller(subject, "user-" + subject, "plugin-frontend", Set.of(Roles.USER), null);
    }

    public static Caller admin(String subject) {
        return new Caller(subject, "admin-" + subject, "plugin-frontend", Set.of(Roles.USER, Roles.ADMIN), null);
    }

    /** A token that names no subject (a client's own token). */
    public static Caller noSubject() {
        return new Caller(null, null, "some-client", Set.of(Roles.USER, Roles.ADMIN), null);
    }

    /** The refusal {@code decision} throws; fails the test when it goes through. */
    public static DomainException refusal(Runnable decision) {
        try {
            decision.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("expected a refusal, but it went through");
    }

    /** The platform's clock, moved to {@code at} (it runs on from there). */
    public static PlatformClock clockAt(Instant at) {
        PlatformClock clock = new PlatformClock();
        clock.advance(Duration.between(clock.instant(), at));
        return clock;
    }

    /** A mapper configured as the application's for what these tests read and write: times as ISO-8601 text. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }
}
