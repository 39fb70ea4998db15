package org.plugin.atom.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.WebhookDtos.DeliveryAttemptView;
import org.plugin.atom.api.WebhookDtos.WebhookCreate;
import org.plugin.atom.api.WebhookDtos.WebhookPatch;
import org.plugin.atom.api.WebhookDtos.WebhookView;
import org.plugin.atom.service.webhooks.WebhookService;
import org.plugin.common.idempotency.Idempotent;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/** A contributor's webhooks: the catalog's events as signed CloudEvents (docs/webhooks.md). */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the role user or ci, or the caller is not a registered active contributor")
@APIResponse(responseCode = "503", description = "contributor-service cannot tell who the caller is; nothing was changed")
@Tag(name = "Webhooks", description = "Endpoints a contributor (or their CI client) registers to receive, as signed CloudEvents, "
        + "what their notifications say: new versions of the Atoms they follow, changes to the Atoms their chains use")
public class WebhookResource {

    private static final String ID = "The webhook's id; another contributor's is unknown (404)";

    private final WebhookService webhooks;

    WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "createWebhook", summary = "Registers a webhook for the caller; its signing secret is in this answer only",
            description = "The URL must be http or https and resolve to public addresses only (no loopback, link-local, private or "
                    + "reserved address) unless the operator allows it; it is checked again at each delivery. Deliveries are CloudEvents "
                    + "1.0 in structured JSON, signed in the Plugin-Signature header (docs/webhooks.md).")
    @APIResponse(responseCode = "201", description = "Created; Location names the webhook; secret is set",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    @APIResponse(responseCode = "422", description = "The URL targets an address webhooks may not reach, the caller has as many webhooks "
            + "as allowed, or the Idempotency-Key was already used for another request")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    public Response create(@NotNull @Valid WebhookCreate create) {
        WebhookView created = webhooks.create(create);
        return Response.created(URI.create("/api/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "listWebhooks", summary = "The caller's webhooks, oldest first (never their secrets)")
    @APIResponse(responseCode = "200", description = "A page of webhooks")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    public Page<WebhookView> list(@BeanParam @Valid PageRequest page) {
        return webhooks.list(page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "getWebhook", summary = "One of the caller's webhooks (never its secret)")
    @APIResponse(responseCode = "200", description = "The webhook")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public WebhookView get(@Parameter(description = ID) @PathParam("id") String id) {
        return webhooks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "updateWebhook", summary = "Changes a webhook's URL, description or enabled flag, or rotates its secret; absent fields stay",
            description = "Disabling gives up its pending deliveries; enabling again (after it was disabled for failing, too) starts afresh. "
                    + "With rotateSecret true the answer carries the new secret, which replaces the old one at once.")
    @APIResponse(responseCode = "200", description = "The webhook as it is now (secret set after a rotation only)")
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    @APIResponse(responseCode = "413", description = "The body is larger than 64 KiB")
    @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
    @APIResponse(responseCode = "422", description = "The new URL targets an address webhooks may not reach")
    public WebhookView update(@Parameter(description = ID) @PathParam("id") String id, @NotNull @Valid WebhookPatch patch) {
        return webhooks.update(id, patch);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "deleteWebhook", summary = "Deletes a webhook, its pending deliveries and their record")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public void delete(@Parameter(description = ID) @PathParam("id") String id) {
        webhooks.delete(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "listWebhookDeliveries", summary = "The last attempts at delivering events to a webhook, newest first",
            description = "Each attempt: when, the receiver's status or the error, how long it took, its number within its delivery, "
                    + "and where the delivery stands now. Settled deliveries are kept 30 days.")
    @APIResponse(responseCode = "200", description = "A page of attempts")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "404", description = "No such webhook of the caller's")
    public Page<DeliveryAttemptView> deliveries(@Parameter(description = ID) @PathParam("id") String id, @BeanParam @Valid PageRequest page) {
        return webhooks.attempts(id, page);
    }
}
