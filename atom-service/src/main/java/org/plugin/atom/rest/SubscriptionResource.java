package org.plugin.atom.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.NotificationDtos.SubscriptionView;
import org.plugin.atom.service.NotificationService;
import org.plugin.common.security.Roles;

/** The caller's subscription to an Atom: its new versions and every other change of it reach them as notifications. */
@Path("/api/atoms/{name}/subscription")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user or ci, or the caller is not a registered active contributor")
@APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
@Tag(name = "Notifications", description = "Subscriptions to Atoms and the in-app notifications of their changes")
public class SubscriptionResource {

    private final NotificationService notifications;

    SubscriptionResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @PUT
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "subscribeToAtom", summary = "Follows an Atom: its new versions, deprecations, removal and owner changes",
            description = "No body. Idempotent: a repeat answers 200 with the subscription unchanged. The caller is a registered active "
                    + "contributor (a CI token, the contributor its claim names); their webhooks receive the same events. Owners of chains "
                    + "are told of changes to the Atom versions their chains use without subscribing.")
    @APIResponse(responseCode = "201", description = "Subscribed", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "200", description = "Already subscribed; nothing changed",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such Atom, or it was removed")
    public Response subscribe(@PathParam("name") String name) {
        var subscribed = notifications.subscribe(name);
        return subscribed.created()
                ? Response.created(URI.create("/api/atoms/" + name + "/subscription")).entity(subscribed.subscription()).build()
                : Response.ok(subscribed.subscription()).build();
    }

    @GET
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "getAtomSubscription", summary = "The caller's subscription to an Atom")
    @APIResponse(responseCode = "200", description = "Subscribed since", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "The caller does not follow this Atom")
    public SubscriptionView get(@PathParam("name") String name) {
        return notifications.subscription(name);
    }

    @DELETE
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "unsubscribeFromAtom", summary = "Stops following an Atom; a repeat changes nothing")
    @APIResponse(responseCode = "204", description = "Not subscribed (any more)")
    @APIResponse(responseCode = "404", description = "No such Atom, and no subscription to that name")
    public void unsubscribe(@PathParam("name") String name) {
        notifications.unsubscribe(name);
    }
}
