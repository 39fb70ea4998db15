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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.ContactDtos.AdminView;
import org.plugin.privacy.api.ContactDtos.Decision;
import org.plugin.privacy.api.ContactDtos.NewContact;
import org.plugin.privacy.api.ContactDtos.ReceivedView;
import org.plugin.privacy.api.ContactDtos.RequesterView;
import org.plugin.privacy.api.ContactStatus;
import org.plugin.privacy.service.ContactService;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** Contact requests: users ask the operator to reach a contributor; admins relay or decline. */
@Path("/api/privacy/contact-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role")
@Tag(name = "Contact requests", description = "Asking the operator to put a user in touch with a contributor: the requester never learns the email; admins relay or decline")
public class ContactResource {

    private final ContactService service;
    private final CurrentCaller caller;

    ContactResource(ContactService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "createContactRequest", summary = "Asks the operator to put the caller in touch with a contributor, by account name")
    @APIResponse(responseCode = "201", description = "Recorded, PENDING; Location names it",
            content = @Content(schema = @Schema(implementation = RequesterView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "404", description = "No active contributor of that account name")
    @APIResponse(responseCode = "409", description = "The contributor restricted the processing of their data")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "503", description = "contributor-service cannot confirm the contributor now; nothing recorded")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response create(@NotNull @Valid NewContact body) {
        RequesterView created = service.create(caller.get(), body);
        return Response.created(URI.create("/api/privacy/contact-requests/mine/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/mine")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listMyContactRequests", summary = "The caller's contact requests and their status (never an email)",
            description = "accountName is read from contributor-service: null once the contributor is deactivated or erased, or while it does not answer.")
    @APIResponse(responseCode = "200", description = "A page, newest first")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    public Page<RequesterView> mine(@BeanParam @Valid PageRequest page) {
        return service.mine(caller.get(), page);
    }

    @GET
    @Path("/mine/{id}")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getMyContactRequest", summary = "One of the caller's contact requests")
    @APIResponse(responseCode = "200", description = "The request and its status")
    @APIResponse(responseCode = "404", description = "No such request of the caller's")
    public RequesterView mineOne(@PathParam("id") UUID id) {
        return service.mineOne(caller.get(), id);
    }

    @GET
    @Path("/received")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listReceivedContactRequests", summary = "Requests the operator relayed to the caller, when the caller is a contributor")
    @APIResponse(responseCode = "200", description = "A page, newest first (empty for a non-contributor)")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is now")
    public Page<ReceivedView> received(@BeanParam @Valid PageRequest page) {
        return service.received(caller.get(), page);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listContactRequests", summary = "Every contact request (admins), oldest first, optionally by status")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "400", description = "Unknown status, invalid paging")
    public Page<AdminView> list(@Parameter(schema = @Schema(implementation = ContactStatus.class)) @QueryParam("status") String status, @BeanParam @Valid PageRequest page) {
        return service.search(Filters.parse(ContactStatus.class, "status", status), page);
    }

    @POST
    @Path("/{id}/relay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "relayContactRequest", summary = "Marks a request relayed to the contributor (admins); the contributor then sees it")
    @APIResponse(responseCode = "200", description = "RELAYED")
    @APIResponse(responseCode = "400", description = "Invalid note")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Already decided")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public AdminView relay(@PathParam("id") UUID id, @Valid Decision body) {
        return service.decide(caller.get(), id, ContactStatus.RELAYED, body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "declineContactRequest", summary = "Declines a request (admins), with a note the requester sees")
    @APIResponse(responseCode = "200", description = "DECLINED")
    @APIResponse(responseCode = "400", description = "Invalid note")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Already decided")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public AdminView decline(@PathParam("id") UUID id, @Valid Decision body) {
        return service.decide(caller.get(), id, ContactStatus.DECLINED, body == null ? null : body.note());
    }
}
