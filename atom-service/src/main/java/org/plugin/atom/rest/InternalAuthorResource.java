package org.plugin.atom.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.plugin.atom.api.InternalDtos.AuthorErasure;
import org.plugin.atom.api.InternalDtos.AuthorFeedback;
import org.plugin.atom.api.InternalDtos.AuthorSubject;
import org.plugin.atom.service.PersonalDataService;
import org.plugin.common.security.Roles;
import org.plugin.common.web.InternalApi;

/**
 * Feedback by its author's token subject, for privacy requests of users who are not contributors
 * (or whose feedback predates their registration): the contributor-id API cannot reach it.
 * Services only, never routed by the gateway (docs/internal-api.md).
 */
@Extension(name = InternalApi.PROFILE, value = "")
@Path("/internal/atoms/authors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
@APIResponse(responseCode = "400", description = "The subject is missing, blank or longer than 255 characters")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not a service token")
public class InternalAuthorResource {

    private final PersonalDataService personalDataService;

    InternalAuthorResource(PersonalDataService personalDataService) {
        this.personalDataService = personalDataService;
    }

    @GET
    @Path("/personal-data")
    @Operation(summary = "Every rating and comment written under a token subject")
    @APIResponse(responseCode = "200", description = "The feedback (empty lists for an unknown subject)")
    public AuthorFeedback personalData(@QueryParam("subject") @NotBlank @Size(max = 255) String subject) {
        return personalDataService.authorFeedback(subject);
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erases the feedback written under a token subject: comments deleted, ratings anonymous; "
            + "a repeat erases what was written since, if anything")
    @APIResponse(responseCode = "200", description = "When, and how many comments and ratings were erased by this call")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public AuthorErasure erase(@NotNull @Valid AuthorSubject author) {
        return personalDataService.eraseAuthor(author.subject());
    }
}
