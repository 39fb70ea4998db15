package org.plugin.privacy.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.DisclosureDtos.DisclosureView;
import org.plugin.privacy.api.DisclosureDtos.NewDisclosure;
import org.plugin.privacy.service.DisclosureService;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** The register of disclosures to competent authorities (admins only). */
@Path("/api/privacy/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not an admin")
@Tag(name = "Disclosures", description = "The register of disclosures to competent authorities (admins)")
public class DisclosureResource {

    private final DisclosureService service;
    private final CurrentCaller caller;

    DisclosureResource(DisclosureService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "recordDisclosure", summary = "Records a transmission to a competent authority; the caller is recorded as the approving admin")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(schema = @Schema(implementation = DisclosureView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or a date in the future or before 2000")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response record(@NotNull @Valid NewDisclosure body) {
        DisclosureView created = service.record(caller.get(), body);
        return Response.created(URI.create("/api/privacy/disclosures/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listDisclosures", summary = "The register, newest disclosure first, optionally about one contributor")
    @APIResponse(responseCode = "200", description = "A page of disclosures")
    @APIResponse(responseCode = "400", description = "Invalid contributor id or paging")
    public Page<DisclosureView> list(@QueryParam("contributorId") String contributorId, @BeanParam @Valid PageRequest page) {
        return service.search(Filters.uuid("contributorId", contributorId), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getDisclosure", summary = "One disclosure")
    @APIResponse(responseCode = "200", description = "The disclosure")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    public DisclosureView get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
