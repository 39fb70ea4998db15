package org.plugin.privacy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.plugin.common.security.Roles;
import org.plugin.common.web.InternalApi;
import org.plugin.privacy.api.ErasureDtos.Deactivation;
import org.plugin.privacy.service.ErasureService;

/** Internal: deactivations pushed by contributor-service's outbox (never routed by the gateway). */
@Extension(name = InternalApi.PROFILE, value = "")
@Path("/internal/privacy/deactivations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalDeactivationResource {

    private final ErasureService service;

    InternalDeactivationResource(ErasureService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Records a deactivation and schedules the contributor's erasure (idempotent on eventId and contributorId)")
    @APIResponse(responseCode = "201", description = "A new erasure job")
    @APIResponse(responseCode = "200", description = "Already known (same event, or a job exists for the contributor)")
    @APIResponse(responseCode = "400", description = "Malformed body, or a deactivation instant outside 2000-9999")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Not a service")
    @APIResponse(responseCode = "409", description = "The event id was already used for another contributor")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public Response receive(@NotNull @Valid Deactivation body) {
        var received = service.receive(body);
        return Response.status(received.created() ? Response.Status.CREATED : Response.Status.OK).entity(received.receipt()).build();
    }
}
