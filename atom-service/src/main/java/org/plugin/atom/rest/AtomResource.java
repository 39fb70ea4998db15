package org.plugin.atom.rest;

import java.util.List;

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

/** The catalog (first slice: the list endpoint, empty until Atoms can be registered). */
@Path("/api/atoms")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user")
public class AtomResource {

    public record AtomSummary(String name, String displayName, String summary) {
    }

    @GET
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Lists Atoms of the catalog")
    @APIResponse(responseCode = "200", description = "A page of Atoms")
    public Page<AtomSummary> list(@BeanParam @Valid PageRequest page) {
        return Page.of(List.of(), 0, page);
    }
}
