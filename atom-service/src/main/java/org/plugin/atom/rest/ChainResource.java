package org.plugin.atom.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.ChainDtos.ChainCreate;
import org.plugin.atom.api.ChainDtos.ChainSummary;
import org.plugin.atom.api.ChainDtos.ChainView;
import org.plugin.atom.service.ChainService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.validation.PlainText;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** VNF chains of Atom versions. */
@Path("/api/chains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user, or the caller may not act on this chain")
@Tag(name = "Chains", description = "VNF chains of Atom versions: validated on creation, listed, read, deleted")
public class ChainResource {

    private final ChainService chains;

    ChainResource(ChainService chains) {
        this.chains = chains;
    }

    @POST
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "createChain", summary = "Creates a chain owned by the caller (a registered active contributor)",
            description = "Every node references a PUBLISHED Atom version; every link goes from an OUT or BIDIRECTIONAL connection point "
                    + "to an IN or BIDIRECTIONAL one of the same protocol; the links form no cycle. A refusal lists every failure in "
                    + "'errors', each with a code: DUPLICATE_NODE, UNKNOWN_ATOM, UNKNOWN_VERSION, VERSION_NOT_PUBLISHED, UNKNOWN_NODE, "
                    + "UNKNOWN_CONNECTION_POINT, DIRECTION_MISMATCH, PROTOCOL_MISMATCH, DUPLICATE_LINK, CYCLE.")
    @APIResponse(responseCode = "201", description = "Created; Location names the chain",
            content = @Content(schema = @Schema(implementation = ChainView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or a chain that fails a check")
    @APIResponse(responseCode = "409", description = "The chain name is taken")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response create(@NotNull @Valid ChainCreate create) {
        chains.create(create);
        return Response.created(URI.create("/api/chains/" + create.name())).entity(chains.view(create.name())).build();
    }

    @GET
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listChains", summary = "Chains, newest first; optionally those using an Atom, or those of a contributor (id)")
    @APIResponse(responseCode = "200", description = "A page of chains")
    @APIResponse(responseCode = "400", description = "Invalid filter or paging")
    public Page<ChainSummary> list(@Parameter(description = "An Atom name") @QueryParam("atom") @Size(max = 64) @PlainText String atom,
            @Parameter(description = "A contributor id") @QueryParam("owner") String owner, @BeanParam @Valid PageRequest page) {
        UUID ownerId = null;
        if (owner != null && !owner.isBlank()) {
            try {
                ownerId = UUID.fromString(owner.strip());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("owner must be a contributor id (a UUID)");
            }
        }
        return chains.list(atom == null || atom.isBlank() ? null : atom.strip(), ownerId, page);
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getChain", summary = "A chain: nodes (removed Atoms marked), links with their protocol, owner's public names")
    @APIResponse(responseCode = "200", description = "The chain")
    @APIResponse(responseCode = "404", description = "No such chain")
    public ChainView get(@PathParam("name") String name) {
        return chains.view(name);
    }

    @DELETE
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "deleteChain", summary = "Deletes a chain (owner or admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such chain")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    public void delete(@PathParam("name") String name) {
        chains.delete(name);
    }
}
