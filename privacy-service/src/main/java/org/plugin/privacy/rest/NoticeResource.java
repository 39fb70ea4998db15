package org.plugin.privacy.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/** First slice of privacy-service: the public notice and cookie register, and the admin-only disclosures register. */
@Path("/api/privacy")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    public record Cookie(String name, String owner, String purpose, String retention) {
    }

    public record Notice(String version, LocalDate effectiveDate, String controller) {
    }

    public record Disclosure(String authority) {
    }

    @GET
    @Path("/notice")
    @PermitAll
    @Operation(summary = "The current personal data notice (public)")
    @APIResponse(responseCode = "200", description = "The notice")
    public Notice notice() {
        return new Notice("2020-07-08", LocalDate.of(2020, 7, 8), "Orange S.A.");
    }

    @GET
    @Path("/cookies")
    @PermitAll
    @Operation(summary = "The cookie register (public)")
    @APIResponse(responseCode = "200", description = "The cookies the platform sets")
    public List<Cookie> cookies() {
        return List.of(
                new Cookie("_ga", "Orange", "audience measurement", "2 years"),
                new Cookie("_gid", "Orange", "audience measurement", "24 hours"),
                new Cookie("_dc_gtm_*", "Orange", "technical: throttles the request rate", "1 minute"));
    }

    @GET
    @Path("/disclosures")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The register of disclosures to competent authorities (admins)")
    @APIResponse(responseCode = "200", description = "A page of disclosures")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Page<Disclosure> disclosures(@BeanParam @Valid PageRequest page) {
        return Page.of(List.of(), 0, page);
    }
}
