package org.plugin.atom.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.AtomDtos.Outcome;
import org.plugin.atom.api.AtomDtos.Registration;
import org.plugin.atom.api.AtomDtos.ValidationReport;
import org.plugin.atom.api.AtomDtos.VersionContent;
import org.plugin.atom.api.AtomDtos.VersionView;
import org.plugin.atom.service.AtomService;
import org.plugin.atom.service.CatalogService;
import org.plugin.atom.service.Conflicts;
import org.plugin.atom.service.RegistrationService.DryRun;
import org.plugin.atom.service.RegistrationService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.web.DomainProblemMapper;

/** Versions of an Atom, and the CI registration call. */
@Path("/api/atoms/{name}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role, or the caller may not act on this Atom")
@Tag(name = "Versions", description = "Immutable Atom versions with their artifacts: registration by owners and CI pipelines, validation, deprecation")
public class VersionResource {

    private final CatalogService catalog;
    private final RegistrationService registration;
    private final AtomService atoms;

    VersionResource(CatalogService catalog, RegistrationService registration, AtomService atoms) {
        this.catalog = catalog;
        this.registration = registration;
        this.atoms = atoms;
    }

    @GET
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "listVersions", summary = "An Atom's versions in full, newest first (semantic-version precedence)")
    @APIResponse(responseCode = "200", description = "A page of versions")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "404", description = "No such Atom")
    public Page<VersionView> list(@PathParam("name") String name, @BeanParam @Valid PageRequest page) {
        return catalog.versions(name, page);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "getVersion", summary = "One version: artifacts with their digests, languages, connection points, release notes, state")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such Atom or version")
    public VersionView get(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.version(name, version);
    }

    @PUT
    @Path("/{version}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "registerVersion", summary = "Registers a version (the CI call); idempotent",
            description = "Creates the version (and the Atom, from the 'atom' fields, when it does not exist yet). The same content again "
                    + "changes nothing; a PUBLISHED version is immutable. Only the owner, or a CI token acting for the owner, may call it.")
    @APIResponse(responseCode = "201", description = "The version was created; Location names it",
            content = @Content(schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "200", description = "Nothing to create: unchanged (same content), or a draft or the Atom's fields updated",
            content = @Content(schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation (digests are sha256:<64 hex>), "
            + "an invalid name or version, or a new Atom without its 'atom' fields")
    @APIResponse(responseCode = "409", description = "Different content for a published version, or the Atom was removed")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public Response register(@PathParam("name") String name, @PathParam("version") String version, @NotNull @Valid VersionContent content) {
        Registration result;
        try {
            result = registration.register(name, version, content);
        } catch (Conflicts.RaceLost race) {
            // another request created the Atom meanwhile: this one now sees it and answers as a repeat would
            result = registration.register(name, version, content);
        }
        if (result.outcome() == Outcome.CREATED) {
            return Response.created(URI.create("/api/atoms/" + name + "/versions/" + version)).entity(result).build();
        }
        return Response.ok(result).build();
    }

    @POST
    @Path("/{version}/validation")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "validateVersion", summary = "Dry run of the registration: would this PUT be accepted, and if not why. Writes nothing.",
            description = "Answers 200 with the status the PUT would answer and every problem found; only unreadable JSON is a 400.")
    @APIResponse(responseCode = "200", description = "The verdict")
    @APIResponse(responseCode = "400", description = "The body is not JSON of the expected shape")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public ValidationReport validate(@PathParam("name") String name, @PathParam("version") String version, VersionContent content) {
        DryRun run = registration.dryRun(name, version, content);
        int status = run.accepted() ? (run.outcome() == Outcome.CREATED ? Status.CREATED : Status.OK).getStatusCode() : status(run.refusal());
        return new ValidationReport(run.accepted(), status, run.outcome(), run.atomCreated(), run.atomUpdated(), run.problems(), run.warnings());
    }

    /** The status the registration would answer for such a refusal (as the problem mapper answers it). */
    static int status(DomainException.Kind refusal) {
        return DomainProblemMapper.status(refusal).getStatusCode();
    }

    @POST
    @Path("/{version}/deprecation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "deprecateVersion", summary = "Deprecates a published version (owner or admin); chains keep it, new chains cannot use it")
    @APIResponse(responseCode = "200", description = "The version as it is now")
    @APIResponse(responseCode = "404", description = "No such Atom or version")
    @APIResponse(responseCode = "409", description = "The version is a draft")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
    public VersionView deprecate(@PathParam("name") String name, @PathParam("version") String version) {
        return atoms.deprecateVersion(name, version);
    }
}
