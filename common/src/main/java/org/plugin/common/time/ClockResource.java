package org.plugin.common.time;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.plugin.common.security.Roles;
import org.plugin.common.web.InternalApi;

/**
 * Moves a service's clock, for end-to-end tests of deadlines on a local stack. Answers 404 unless
 * {@code plugin.clock.adjustable=true}; never routed by the gateway; admins and services only.
 */
@Extension(name = InternalApi.PROFILE, value = "")
@Path("/internal/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SERVICE })
public class ClockResource {

    public record ClockState(Instant now, String offset) {
    }

    public record Advance(@NotNull Duration by) {
    }

    private final PlatformClock clock;
    private final boolean adjustable;

    ClockResource(PlatformClock clock, @ConfigProperty(name = "plugin.clock.adjustable", defaultValue = "false") boolean adjustable) {
        this.clock = clock;
        this.adjustable = adjustable;
    }

    @GET
    @Operation(summary = "The service's current time and offset (only when the clock is adjustable)")
    public ClockState get() {
        requireAdjustable();
        return new ClockState(clock.instant(), clock.offset().toString());
    }

    @POST
    @Path("/advance")
    @Operation(summary = "Moves the service's clock by an ISO-8601 duration such as P8D (only when adjustable)")
    public ClockState advance(@NotNull @jakarta.validation.Valid Advance advance) {
        requireAdjustable();
        clock.advance(advance.by());
        return get();
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Back to real time (only when adjustable)")
    public ClockState reset() {
        requireAdjustable();
        clock.reset();
        return get();
    }

    private void requireAdjustable() {
        if (!adjustable) {
            throw new NotFoundException("The clock of this service is not adjustable");
        }
    }
}
