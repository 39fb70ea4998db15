package org.plugin.atom.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.plugin.atom.api.FeedbackDtos.CommentInput;
import org.plugin.atom.api.FeedbackDtos.CommentView;
import org.plugin.atom.api.FeedbackDtos.RatingInput;
import org.plugin.atom.api.FeedbackDtos.RatingView;
import org.plugin.atom.service.FeedbackService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** Feedback on an Atom: the caller's rating, and comments. */
@Path("/api/atoms/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user, or the caller may not delete this comment")
@Tag(name = "Feedback", description = "Ratings and comments of platform users on an Atom")
public class FeedbackResource {

    private final FeedbackService feedback;

    FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @PUT
    @Path("/ratings/mine")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "rateAtom", summary = "Rates the Atom 1-5; one rating per user per Atom, a second call changes it")
    @APIResponse(responseCode = "201", description = "The caller's first rating of this Atom",
            content = @Content(schema = @Schema(implementation = RatingView.class)))
    @APIResponse(responseCode = "200", description = "The caller's rating, changed",
            content = @Content(schema = @Schema(implementation = RatingView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or stars outside 1-5")
    @APIResponse(responseCode = "404", description = "No such Atom")
    @APIResponse(responseCode = "409", description = "The caller's rating of this Atom was being changed concurrently; try again")
    @APIResponse(responseCode = "503", description = "contributor-service does not answer; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    public Response rate(@PathParam("name") String name, @NotNull @Valid RatingInput input) {
        var rated = feedback.rate(name, input.stars());
        return rated.created() ? Response.created(URI.create("/api/atoms/" + name + "/ratings/mine")).entity(rated.rating()).build()
                : Response.ok(rated.rating()).build();
    }

    @GET
    @Path("/ratings/mine")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getMyRating", summary = "The caller's rating of the Atom")
    @APIResponse(responseCode = "200", description = "The rating")
    @APIResponse(responseCode = "404", description = "No such Atom, or not rated by the caller")
    public RatingView myRating(@PathParam("name") String name) {
        return feedback.myRating(name);
    }

    @DELETE
    @Path("/ratings/mine")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "deleteMyRating", summary = "Withdraws the caller's rating")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such Atom, or not rated by the caller")
    public void deleteMyRating(@PathParam("name") String name) {
        feedback.deleteMyRating(name);
    }

    @GET
    @Path("/comments")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listComments", summary = "Comments on the Atom, newest first, with their authors' public names when authors are contributors")
    @APIResponse(responseCode = "200", description = "A page of comments")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "404", description = "No such Atom")
    public Page<CommentView> comments(@PathParam("name") String name, @BeanParam @Valid PageRequest page) {
        return feedback.comments(name, page);
    }

    @POST
    @Path("/comments")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "createComment", summary = "Comments on the Atom (plain text, at most 2000 characters)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CommentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, blank, too long, or markup or control characters")
    @APIResponse(responseCode = "404", description = "No such Atom")
    @APIResponse(responseCode = "503", description = "contributor-service does not answer; nothing was changed")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response comment(@PathParam("name") String name, @NotNull @Valid CommentInput input) {
        var created = feedback.view(feedback.comment(name, input.body()));
        return Response.created(URI.create("/api/atoms/" + name + "/comments/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("/comments/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "deleteComment", summary = "Deletes a comment: its author, or an admin (moderation, recorded in the ledger with a reason code)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Invalid comment id or reason")
    @APIResponse(responseCode = "404", description = "No such Atom or comment")
    public void deleteComment(@PathParam("name") String name, @PathParam("id") String id,
            @Parameter(description = "Moderation reason: spam, abuse, off_topic, personal_data, other") @QueryParam("reason") String reason) {
        UUID commentId;
        try {
            commentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("'" + (id.length() > 40 ? id.substring(0, 40) : id) + "' is not a comment id (a UUID)");
        }
        feedback.deleteComment(name, commentId, reason);
    }
}
