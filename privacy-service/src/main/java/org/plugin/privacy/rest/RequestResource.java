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
import jakarta.ws.rs.core.HttpHeaders;
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
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.RequestDtos.Extension;
import org.plugin.privacy.api.RequestDtos.NewRequest;
import org.plugin.privacy.api.RequestDtos.Note;
import org.plugin.privacy.api.RequestDtos.Rejection;
import org.plugin.privacy.api.RequestDtos.RequestView;
import org.plugin.privacy.api.RequestStatus;
import org.plugin.privacy.api.RequestType;
import org.plugin.privacy.service.RequestService;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** Data-subject requests: filed by users about themselves, decided by admins. */
@Path("/api/privacy/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role")
@Tag(name = "Privacy requests", description = "Data-subject requests (access, rectification, objection, restriction, portability, erasure) with their deadlines, and their handling by admins")
public class RequestResource {

    private final RequestService service;
    private final CurrentCaller caller;

    RequestResource(RequestService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "createPrivacyRequest", summary = "Files a request about the caller (access, portability, rectification, restriction, objection, erasure)",
            description = "Due one calendar month after receipt (Europe/Paris). An open request of the same type is returned (200) instead of a new one. "
                    + "ACCESS, PORTABILITY and RECTIFICATION are fulfilled by the service; RESTRICTION, OBJECTION and ERASURE wait for an admin. "
                    + "For a user who is not a contributor: RECTIFICATION is rejected (nothing to rectify), ERASURE erases this service's records "
                    + "about them and, where atom-service serves feedback by author subject (a deployment switch), the feedback they wrote; "
                    + "their history says whether atom-service was reached.")
    @APIResponse(responseCode = "201", description = "Filed; Location names it",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "200", description = "An open request of this type already exists: that one",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown type, or details that do not fit the type")
    @APIResponse(responseCode = "409", description = "The same request was being filed at the same moment and is not readable yet; retry")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response create(@NotNull @Valid NewRequest body) {
        var result = service.create(caller.get(), body);
        if (!result.created()) {
            return Response.ok(result.request()).build();
        }
        return Response.created(URI.create("/api/privacy/requests/" + result.request().id())).entity(result.request()).build();
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listMyPrivacyRequests", summary = "The caller's own requests, newest first")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    public Page<RequestView> mine(@BeanParam @Valid PageRequest page) {
        return service.mine(caller.get(), page);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listPrivacyRequests", summary = "Every request (admins), soonest due first, filtered by status, type and overdue")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "400", description = "Unknown status or type, invalid paging")
    public Page<RequestView> search(@Parameter(schema = @Schema(implementation = RequestStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = RequestType.class)) @QueryParam("type") String type,
            @Parameter(description = "Only overdue requests (true) or only the others (false)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue, @BeanParam @Valid PageRequest page) {
        return service.search(Filters.parse(RequestStatus.class, "status", status), Filters.parse(RequestType.class, "type", type),
                Filters.bool("overdue", overdue), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getPrivacyRequest", summary = "One request with its history (its requester or an admin)")
    @APIResponse(responseCode = "200", description = "The request")
    @APIResponse(responseCode = "404", description = "No such request, or not the caller's")
    public RequestView get(@PathParam("id") UUID id) {
        return service.get(caller.get(), id);
    }

    @GET
    @Path("/{id}/export")
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getPrivacyRequestExport", summary = "Downloads the ACCESS or PORTABILITY document (its requester or an admin)",
            description = "An admin's download is recorded in the request's history (an admin reading someone's personal data, email included).")
    @APIResponse(responseCode = "200", description = "The JSON document",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, description = "The ACCESS or PORTABILITY document: the person's data from every holder, with the processing register")))
    @APIResponse(responseCode = "404", description = "No such request, not the caller's, or a type without a document")
    @APIResponse(responseCode = "409", description = "The document is not ready yet")
    @APIResponse(responseCode = "410", description = "The document expired and was deleted")
    public Response export(@PathParam("id") UUID id) {
        var download = service.export(caller.get(), id);
        return Response.ok(download.content(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + download.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "approvePrivacyRequest", summary = "Approves a RESTRICTION, OBJECTION or ERASURE request (admins); the service then applies it")
    @APIResponse(responseCode = "200", description = "IN_PROGRESS")
    @APIResponse(responseCode = "400", description = "Invalid note")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not RECEIVED, or a type fulfilled on its own")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public RequestView approve(@PathParam("id") UUID id, @Valid Note body) {
        return service.approve(caller.get(), id, body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rejectPrivacyRequest", summary = "Rejects an open request with a reason (admins)")
    @APIResponse(responseCode = "200", description = "REJECTED")
    @APIResponse(responseCode = "400", description = "Missing or invalid reason")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not open, or its erasure has started")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public RequestView reject(@PathParam("id") UUID id, @NotNull @Valid Rejection body) {
        return service.reject(caller.get(), id, body.reason());
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "completePrivacyRequest", summary = "Marks an open request handled (admins), when the service has no work pending for it")
    @APIResponse(responseCode = "200", description = "COMPLETED")
    @APIResponse(responseCode = "400", description = "Invalid note")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not open, or the service's work for it is pending")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public RequestView complete(@PathParam("id") UUID id, @Valid Note body) {
        return service.complete(caller.get(), id, body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/extend")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "extendPrivacyRequest", summary = "Extends the due date by one or two months with a reason (admins); two months at most in total")
    @APIResponse(responseCode = "200", description = "The new due date")
    @APIResponse(responseCode = "400", description = "Months not 1 or 2, or missing reason")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not open, or already extended by two months")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public RequestView extend(@PathParam("id") UUID id, @NotNull @Valid Extension body) {
        return service.extend(caller.get(), id, body.months(), body.reason());
    }

    @POST
    @Path("/{id}/lift")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "liftPrivacyRequest", summary = "Lifts the restriction a completed RESTRICTION or OBJECTION request set (admins)")
    @APIResponse(responseCode = "200", description = "Lifting scheduled; recorded in the history")
    @APIResponse(responseCode = "400", description = "Invalid note")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "No restriction in force for this request")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public RequestView lift(@PathParam("id") UUID id, @Valid Note body) {
        return service.lift(caller.get(), id, body == null ? null : body.note());
    }
}
