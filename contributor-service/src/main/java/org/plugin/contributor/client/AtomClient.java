package org.plugin.contributor.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * atom-service's internal API (docs/internal-api.md), called with contributor-service's own
 * client-credentials token. Asynchronous, so that a caller bounds the whole call, the token request included.
 */
@RegisterProvider(PeerRefusedMapper.class)
@RegisterRestClient(configKey = "atom-service")
@OidcClientFilter
@Path("/internal/atoms/contributors")
public interface AtomClient {

    /** While restricted, atom-service shows no attribution for the contributor. */
    record Restriction(boolean restricted) {
    }

    /** Done when atom-service answers 2xx (200 with its state, which nothing here reads); else a {@link PeerRefusedException}. Idempotent. */
    @PUT
    @Path("/{id}/restriction")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Void> restrict(@PathParam("id") UUID id, Restriction restriction);
}
