package org.plugin.contributor.client;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/** privacy-service's internal API, called with contributor-service's own client-credentials token. */
@RegisterProvider(PeerRefusedMapper.class)
@RegisterRestClient(configKey = "privacy-service")
@OidcClientFilter
@Path("/internal/privacy")
public interface PrivacyClient {

    /**
     * A deactivation, idempotent on {@code eventId} on privacy-service's side, with the contributor's login
     * subject (null once erased), which privacy-service's erasure job needs to erase what is keyed by it.
     */
    record DeactivationNotice(UUID eventId, UUID contributorId, Instant deactivatedAt, String subject) {
    }

    /**
     * Done when privacy-service has recorded it (200 or 201); any other answer is a
     * {@link PeerRefusedException}, and it, or no answer, means try again later. Asynchronous, so the
     * caller can bound the whole call, the token request included (the OIDC client's token request
     * has a connect timeout but no read timeout of its own).
     */
    @POST
    @Path("/deactivations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Void> deactivated(DeactivationNotice notice);
}
