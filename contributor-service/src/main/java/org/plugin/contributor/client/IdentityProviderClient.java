package org.plugin.contributor.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
 * The identity provider's admin API (Keycloak's Admin REST API, {@code {base}/admin/realms/plugin}),
 * called with the token of the confidential client {@code contributor-service-idp}, whose service
 * account holds only the realm-management role {@code manage-users}. A user
 * there is keyed by its id, which is the {@code sub} of its tokens: the contributor's subject.
 * Asynchronous, so that a caller bounds the whole call, the token request included.
 */
@RegisterProvider(PeerRefusedMapper.class)
@RegisterRestClient(configKey = "identity-provider")
@OidcClientFilter("identity-provider-admin")
@Path("/users")
public interface IdentityProviderClient {

    /** The fields of the user this service keeps in step; the others stay as they are. */
    record AccountUpdate(String email, String firstName, String lastName, boolean enabled) {
    }

    /** Updates the given fields of the user: 204, or a {@link PeerRefusedException} (404 when there is no such user). */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Void> update(@PathParam("id") String id, AccountUpdate update);

    /** Ends every session of the user (their refresh tokens stop working): 204, or a {@link PeerRefusedException}. */
    @POST
    @Path("/{id}/logout")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Void> logout(@PathParam("id") String id);

    /**
     * Whether a refusal is Keycloak's answer for an unknown user id ({@code 404 {"error":"User not found"}}):
     * the account is gone (deleted by the erasure) or was never there. Any other 404 is a wrong
     * address (an unknown realm or path), not a success.
     */
    static boolean unknownUser(PeerRefusedException refusal) {
        return refusal.status() == 404 && refusal.body().contains("User not found");
    }
}
