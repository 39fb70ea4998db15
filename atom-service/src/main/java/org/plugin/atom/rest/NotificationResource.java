package org.plugin.atom.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.NotificationDtos.NotificationView;
import org.plugin.atom.api.NotificationDtos.ReadMarks;
import org.plugin.atom.service.NotificationService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/** The caller's in-app notifications: changes of the Atoms their chains use or they follow, and notices about their webhooks. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user, or the caller is not a registered active contributor")
@APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is")
@Tag(name = "Notifications", description = "Subscriptions to Atoms and the in-app notifications of their changes")
public class NotificationResource {

    private final NotificationService notifications;

    NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listNotifications", summary = "The caller's notifications: unread first, then newest",
            description = "Each names the Atom, the version (null for an event on the whole Atom), the event type and the caller's chains "
                    + "the change affects. ?unread=true lists only the unread ones (their total is the unread count).")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "Invalid paging or unread flag")
    public Page<NotificationView> list(
            @Parameter(description = "true: only unread notifications", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("unread") @DefaultValue("false") @Pattern(regexp = "true|false", message = "must be true or false") String unread,
            @BeanParam @Valid PageRequest page) {
        return notifications.list(Boolean.parseBoolean(unread), page);
    }

    @PUT
    @Path("/{id}/read")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "markNotificationRead", summary = "Marks one notification read; a repeat keeps the first time")
    @APIResponse(responseCode = "200", description = "The notification, read", content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "404", description = "The caller has no such notification")
    public NotificationView markRead(@PathParam("id") String id) {
        return notifications.markRead(uuid(id));
    }

    @PUT
    @Path("/read")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "markAllNotificationsRead", summary = "Marks every unread notification of the caller read")
    @APIResponse(responseCode = "200", description = "How many were marked", content = @Content(schema = @Schema(implementation = ReadMarks.class)))
    public ReadMarks markAllRead() {
        return notifications.markAllRead();
    }

    /** An id that cannot be a notification's names none: 404, as for an unknown one. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("You have no such notification");
        }
    }
}
