package org.plugin.atom.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.AtomDtos.AtomCreate;
import org.plugin.atom.api.AtomDtos.AtomDetail;
import org.plugin.atom.api.AtomDtos.AtomPatch;
import org.plugin.atom.api.AtomDtos.Kind;
import org.plugin.atom.api.AtomDtos.OwnerChange;
import org.plugin.atom.api.AtomDtos.Removal;
import org.plugin.atom.api.AtomDtos.SearchPage;
import org.plugin.atom.api.AtomDtos.SearchRequest;
import org.plugin.atom.service.AtomService;
import org.plugin.atom.service.CatalogService;
import org.plugin.common.security.Roles;
import org.plugin.common.validation.PlainText;
import org.plugin.common.web.PageRequest;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** The catalog: search, Atom pages, and the owner's (or an admin's) changes to an Atom. */
@Path("/api/atoms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role, or the caller may not act on this Atom")
@Tag(name = "Atoms", description = "The Atom catalog: search, creation, details, changes, deprecation, change of owner, removal")
public class AtomResource {

    private final CatalogService catalog;
    private final AtomService atoms;

    AtomResource(CatalogService catalog, AtomService atoms) {
        this.catalog = catalog;
        this.atoms = atoms;
    }

    @GET
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "searchAtoms", summary = "Searches the catalog", description = "Full-text search over name, display name, summary, description and tags "
            + "(ranked: hits in names, tags or summary first), with filters, sorting and paging. Removed Atoms never appear. To keep search "
            + "equally fast at any catalog size, a text query sorted by relevance ranks at most 200 hits in names, tags or summary and 200 "
            + "only in descriptions (the first the index finds) and serves the 200 best: its pages stop there (an offset of 200 or more "
            + "is a 400) and, when more Atoms match, totalIsLowerBound is true and total means 'at least'. Other sorts page through every "
            + "match; their count stops at 10,000 (totalIsLowerBound then true), while nextOffset keeps leading to the next page. "
            + "nextOffset is null when no further page can be fetched.")
    @APIResponse(responseCode = "200", description = "A page of Atoms with their contributors' public names")
    @APIResponse(responseCode = "400", description = "A filter, sort or paging value is invalid, or an offset past the ranked hits of a relevance search")
    @APIResponse(responseCode = "503", description = "A contributor filter by account name cannot be resolved now")
    public SearchPage search(
            @Parameter(description = "Search text (web search syntax: words, \"phrases\", -excluded, or)") @QueryParam("q") @Size(max = 200) @PlainText String q,
            @Parameter(description = "COMPONENT or VNF", schema = @Schema(implementation = Kind.class)) @QueryParam("kind") String kind,
            @QueryParam("tag") @Size(max = 32) @PlainText String tag,
            @QueryParam("category") @Size(max = 64) @PlainText String category,
            @Parameter(description = "A contributor id or account name") @QueryParam("contributor") @Size(max = 64) @PlainText String contributor,
            @Parameter(description = "ACTIVE or DEPRECATED", schema = @Schema(type = SchemaType.STRING, enumeration = { "ACTIVE", "DEPRECATED" })) @QueryParam("lifecycle") String lifecycle,
            @Parameter(description = "relevance (default with q), name (default without), newest, updated, rating", schema = @Schema(type = SchemaType.STRING, enumeration = { "relevance", "name", "newest", "updated", "rating" })) @QueryParam("sort") String sort,
            @BeanParam @Valid PageRequest page) {
        return catalog.search(new SearchRequest(q, kind, tag, category, contributor, lifecycle, sort), page);
    }

    @POST
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "createAtom", summary = "Creates an Atom owned by the caller (a registered active contributor, or a CI token acting for one)")
    @APIResponse(responseCode = "201", description = "Created; Location names the Atom page",
            content = @Content(schema = @Schema(implementation = AtomDetail.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or a reserved name")
    @APIResponse(responseCode = "409", description = "The name is taken")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response create(@NotNull @Valid AtomCreate create) {
        atoms.create(create);
        return Response.created(URI.create("/api/atoms/" + create.name())).entity(catalog.detail(create.name())).build();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "getAtom", summary = "An Atom page: fields, versions, rating summary and the contributor's public names",
            description = "A REMOVED Atom is shown only while chains of others still use it (a tombstone).")
    @APIResponse(responseCode = "200", description = "The Atom")
    @APIResponse(responseCode = "404", description = "No such Atom")
    public AtomDetail get(@PathParam("name") String name) {
        return catalog.detail(name);
    }

    @PATCH
    @Path("/{name}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "updateAtom", summary = "Changes an Atom's descriptive fields (owner or admin); absent fields stay")
    @APIResponse(responseCode = "200", description = "The Atom as it is now")
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "404", description = "No such Atom")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public AtomDetail update(@PathParam("name") String name, @NotNull @Valid AtomPatch patch) {
        atoms.update(name, patch);
        return catalog.detail(name);
    }

    @POST
    @Path("/{name}/deprecation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "deprecateAtom", summary = "Deprecates an Atom (owner or admin); it stays searchable, marked DEPRECATED. Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "The Atom as it is now")
    @APIResponse(responseCode = "404", description = "No such Atom")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    public AtomDetail deprecate(@PathParam("name") String name) {
        atoms.deprecate(name);
        return catalog.detail(name);
    }

    @PUT
    @Path("/{name}/owner")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeAtomOwner", summary = "Hands an Atom to another registered, active contributor (admin)")
    @APIResponse(responseCode = "200", description = "The Atom as it is now")
    @APIResponse(responseCode = "400", description = "Malformed JSON, or no contributor of that account name")
    @APIResponse(responseCode = "404", description = "No such Atom")
    @APIResponse(responseCode = "409", description = "That contributor is not active")
    @APIResponse(responseCode = "503", description = "contributor-service does not answer; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public AtomDetail changeOwner(@PathParam("name") String name, @NotNull @Valid OwnerChange change) {
        atoms.changeOwner(name, change.accountName());
        return catalog.detail(name);
    }

    @DELETE
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "removeAtom", summary = "Removes an Atom (owner or admin)", description = "If chains use it, it becomes a tombstone: hidden from search, "
            + "still resolvable by those chains and shown there as removed; otherwise it is deleted. The ledger keeps its history.")
    @APIResponse(responseCode = "200", description = "REMOVED or TOMBSTONED, with the number of chains using it")
    @APIResponse(responseCode = "404", description = "No such Atom, or already removed")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    public Removal remove(@PathParam("name") String name) {
        return atoms.remove(name);
    }
}
