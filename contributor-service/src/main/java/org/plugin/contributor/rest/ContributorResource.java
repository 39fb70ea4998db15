package org.plugin.contributor.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Problems;
import org.plugin.contributor.rest.ContributorDtos.PublicView;
import org.plugin.contributor.rest.ContributorDtos.Registration;
import org.plugin.contributor.service.ContributorService;

@Path("/api/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role")
public class ContributorResource {

    private final ContributorService service;
    private final JsonWebToken token;

    ContributorResource(ContributorService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.USER)
    @Operation(summary = "Registers the caller (the token's subject) as a contributor")
    @APIResponse(responseCode = "201", description = "Registered; Location names the public view")
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "409", description = "Account name or email taken, or the caller is already registered")
    public Response register(@NotNull @Valid Registration registration, @jakarta.ws.rs.core.Context UriInfo uri) {
        var created = service.register(token.getSubject(), registration);
        return Response.created(URI.create("/api/contributors/" + created.accountName))
                .entity(PublicView.from(created)).build();
    }

    @GET
    @Path("/{accountName}")
    @RolesAllowed(Roles.USER)
    @Operation(summary = "The public view of an active contributor")
    @APIResponse(responseCode = "200", description = "Account name, first name, last name, since when")
    @APIResponse(responseCode = "404", description = "No active contributor of that name")
    public PublicView get(@PathParam("accountName") String accountName) {
        return service.findActive(accountName).map(PublicView::from)
                .orElseThrow(() -> Problems.notFound("No active contributor named '" + accountName + "'"));
    }
}
