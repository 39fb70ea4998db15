package org.plugin.atom.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.plugin.atom.api.InternalDtos.AuthorSubject;
import org.plugin.atom.api.InternalDtos.Erasure;
import org.plugin.atom.api.InternalDtos.PersonalData;
import org.plugin.atom.api.InternalDtos.Restriction;
import org.plugin.atom.api.InternalDtos.RestrictionState;
import org.plugin.atom.service.PersonalDataService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.web.InternalApi;

/** The internal API for privacy requests (docs/internal-api.md); services only, never routed by the gateway. */
@Extension(name = InternalApi.PROFILE, value = "")
@Path("/internal/atoms/contributors/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@APIResponse(responseCode = "400", description = "The id is not a UUID")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not a service token")
public class InternalResource {

    private final PersonalDataService personalDataService;

    InternalResource(PersonalDataService personalDataService) {
        this.personalDataService = personalDataService;
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("The contributor id must be a UUID");
        }
    }

    @GET
    @Path("/personal-data")
    @Operation(summary = "What the catalog ties to a contributor id: Atoms, versions, chains, ratings, comments, ledger entries")
    @APIResponse(responseCode = "200", description = "The export (empty lists for an unknown id)")
    public PersonalData personalData(@PathParam("id") String id) {
        return personalDataService.personalData(id(id));
    }

    @PUT
    @Path("/restriction")
    @Operation(summary = "Restricts (or lifts the restriction of) a contributor: while restricted, their attribution is hidden; idempotent")
    @APIResponse(responseCode = "200", description = "The contributor's restriction state here")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public RestrictionState restrict(@PathParam("id") String id, @NotNull @Valid Restriction restriction) {
        return personalDataService.restrict(id(id), restriction.restricted());
    }

    @POST
    @Path("/erasure")
    @Operation(summary = "Erases a contributor here: comments deleted, ratings anonymous, webhooks deleted with their deliveries, Atoms and chains attributed to no one, "
            + "CI client ids forgotten, the ledger keeps only the pseudonymous id; a repeated call answers the same. The body is optional: with "
            + "{\"subject\":\"S\"}, the feedback written under that token subject is erased in the same transaction, as POST /internal/atoms/authors/erasure does")
    @RequestBody(required = false)
    @APIResponse(responseCode = "200", description = "What was erased, and when (the first call's answer on repeats); with a subject, "
            + "\"author\" says what this call erased under it")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "A body not sent as application/json")
    public Erasure erase(@PathParam("id") String id, @Valid AuthorSubject author) {
        UUID contributor = id(id);
        return author == null ? personalDataService.erase(contributor) : personalDataService.erase(contributor, author.subject());
    }

    /** The same call without a body, as it was before the subject could be sent (any content type, or none). */
    @POST
    @Path("/erasure")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Erasure eraseWithoutBody(@PathParam("id") String id, String body) {
        if (body != null && !body.isEmpty()) {
            throw new NotSupportedException();
        }
        return personalDataService.erase(id(id));
    }
}
