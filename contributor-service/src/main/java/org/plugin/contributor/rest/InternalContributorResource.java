package org.plugin.contributor.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.common.web.InternalApi;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.api.ContributorDtos.RestrictionState;
import org.plugin.contributor.api.ContributorDtos.SelfView;
import org.plugin.contributor.api.InternalDtos.Erasure;
import org.plugin.contributor.api.InternalDtos.NamesRequest;
import org.plugin.contributor.api.InternalDtos.NamesResponse;
import org.plugin.contributor.api.InternalDtos.PersonalData;
import org.plugin.contributor.api.InternalDtos.Resolved;
import org.plugin.contributor.service.AccountSync;
import org.plugin.contributor.service.ContributorService;
import org.plugin.contributor.service.PersonalDataService;

/**
 * The internal API of docs/internal-api.md, for the other services only (role {@code service}); the
 * gateway never routes {@code /internal}. Every write is idempotent.
 */
@Extension(name = InternalApi.PROFILE, value = "")
@Path("/internal/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Service-to-service calls; role service only")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the service role")
@APIResponse(responseCode = "406", description = "The Accept header admits no JSON answer")
public class InternalContributorResource {

    private final ContributorService contributors;
    private final PersonalDataService personalData;
    private final AccountSync sync;
    private final CurrentCaller caller;

    InternalContributorResource(ContributorService contributors, PersonalDataService personalData, AccountSync sync,
            CurrentCaller caller) {
        this.contributors = contributors;
        this.personalData = personalData;
        this.sync = sync;
        this.caller = caller;
    }

    @POST
    @Path("/names")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Public names of a batch of contributors (1-200 ids)",
            description = "One entry per known id, in the order asked; unknown ids are left out. Restricted: no first or "
                    + "last name; deactivated or erased: no name at all.")
    @APIResponse(responseCode = "200", description = "The names",
            content = @Content(schema = @Schema(implementation = NamesResponse.class)))
    @APIResponse(responseCode = "400", description = "No ids, more than 200, or an id that is not a UUID")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    public NamesResponse names(@NotNull @Valid NamesRequest request) {
        return new NamesResponse(contributors.names(request.ids()));
    }

    @GET
    @Path("/resolve")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "The contributor registered by a token subject, of an account name (CI claim), or of an id",
            description = "Give exactly one of subject, accountName and id. The status tells whether they may publish. "
                    + "Only a lookup by id answers the login subject (privacy-service's erasure step reads it before erasing).")
    @APIResponse(responseCode = "200", description = "Id, account name, status, restriction (and the subject, by id)",
            content = @Content(schema = @Schema(implementation = Resolved.class)))
    @APIResponse(responseCode = "400", description = "Not exactly one parameter, one over 255 characters, or an id that is not a UUID")
    @APIResponse(responseCode = "404", description = "No such contributor")
    public Resolved resolve(@QueryParam("subject") @Size(max = 255) String subject,
            @QueryParam("accountName") @Size(max = 255) String accountName,
            @QueryParam("id") @Size(max = 36) String id) {
        int given = (subject != null ? 1 : 0) + (accountName != null ? 1 : 0) + (id != null ? 1 : 0);
        if (given != 1) {
            throw DomainException.invalid("Give exactly one of the query parameters subject, accountName and id");
        }
        if (id != null) {
            return contributors.resolveById(uuid(id));
        }
        return subject != null ? contributors.resolveBySubject(subject) : contributors.resolveByAccountName(accountName);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("Query parameter 'id' must be a UUID");
        }
    }

    @GET
    @Path("/{id}/personal-data")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Everything held about one contributor: profile, restriction, rectification audit, admin email reads")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(schema = @Schema(implementation = PersonalData.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an id that is not a UUID")
    public PersonalData personalData(@PathParam("id") UUID id) {
        return personalData.export(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Rectification on behalf of a privacy request (same rules as PATCH /api/contributors/me)")
    @APIResponse(responseCode = "200", description = "The rectified record",
            content = @Content(schema = @Schema(implementation = SelfView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or nothing to change")
    @APIResponse(responseCode = "404", description = "Unknown id, or an id that is not a UUID")
    @APIResponse(responseCode = "409", description = "Email used by another contributor, or the contributor is erased")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    public SelfView rectify(@PathParam("id") UUID id, @NotNull @Valid Rectification rectification) {
        var rectified = personalData.rectify(id, rectification, caller.get());
        sync.pushNow(rectified.id());
        return rectified;
    }

    @PUT
    @Path("/{id}/restriction")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Sets or lifts the restriction of processing", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "The contributor's new state",
            content = @Content(schema = @Schema(implementation = RestrictionState.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "404", description = "Unknown id, or an id that is not a UUID")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    public RestrictionState restrict(@PathParam("id") UUID id, @NotNull @Valid RestrictionChange change) {
        var changed = personalData.restrict(id, change, caller.get());
        sync.pushNow(changed.id());
        return changed;
    }

    @POST
    @Path("/{id}/erasure")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Erases a contributor's personal data, keeping a non-personal stub",
            description = "Idempotent: an erased or unknown id answers 200 and nothing changes.")
    @APIResponse(responseCode = "200", description = "Erased (or nothing to erase)",
            content = @Content(schema = @Schema(implementation = Erasure.class)))
    @APIResponse(responseCode = "404", description = "An id that is not a UUID")
    public Erasure erase(@PathParam("id") UUID id) {
        return personalData.erase(id);
    }
}
