package org.plugin.privacy.rest;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.privacy.api.NoticeDtos.CookieRegister;
import org.plugin.privacy.api.NoticeDtos.NewVersion;
import org.plugin.privacy.api.NoticeDtos.NoticeView;
import org.plugin.privacy.api.NoticeDtos.VersionView;
import org.plugin.privacy.service.NoticeService;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** The personal data notice and the cookie register, public, as versioned data. */
@Path("/api/privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notice and cookies", description = "The privacy notice in force, its past versions, and the cookie register: public")
public class NoticeResource {

    private final NoticeService service;
    private final CurrentCaller caller;

    NoticeResource(NoticeService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/notice")
    @PermitAll
    @Operation(operationId = "getNotice", summary = "The notice in force (purposes with legal basis, data categories, recipients, retention, rights, contact points) and every version (public)")
    @APIResponse(responseCode = "200", description = "The current version in full, and the list of versions")
    @APIResponse(responseCode = "404", description = "No version is in force yet (none effective today)")
    public NoticeView notice() {
        return service.notice();
    }

    @GET
    @Path("/notice/versions/{version}")
    @PermitAll
    @Operation(operationId = "getNoticeVersion", summary = "One version of the notice, past or current (public)")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "404", description = "No such version")
    public VersionView version(@PathParam("version") String version) {
        return service.version(version);
    }

    @POST
    @Path("/notice/versions")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "publishNoticeVersion", summary = "Publishes a new version of the notice and cookie register (admins), effective today or later")
    @APIResponse(responseCode = "201", description = "Published; Location names it",
            content = @Content(schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or an effective date in the past or more than 10 years ahead")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "That version exists (published versions never change), or was published concurrently")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response publish(@NotNull @Valid NewVersion body) {
        VersionView published = service.publish(caller.get(), body);
        return Response.created(URI.create("/api/privacy/notice/versions/" + published.version())).entity(published).build();
    }

    @GET
    @Path("/cookies")
    @PermitAll
    @Operation(operationId = "getCookieRegister", summary = "The cookie register of the notice in force (public): name, owner, purpose, retention")
    @APIResponse(responseCode = "200", description = "The cookies the platform sets")
    @APIResponse(responseCode = "404", description = "No version is in force yet (none effective today)")
    public CookieRegister cookies() {
        return service.cookies();
    }
}
