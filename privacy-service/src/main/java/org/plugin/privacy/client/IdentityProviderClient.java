package org.plugin.privacy.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * The identity provider's admin API (Keycloak's Admin REST API, {@code {base}/admin/realms/plugin}),
 * called with the token of the confidential client {@code privacy-service-idp}, whose service account
 * holds only the realm-management roles {@code view-users} and {@code manage-users}. A user there is
 * keyed by its id, which is the {@code sub} of its tokens. An unknown id answers 404
 * {@code {"error":"User not found"}}.
 */
@RegisterRestClient(configKey = "identity-provider")
@OidcClientFilter("identity-provider-admin")
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IdentityProviderClient {

    /** The fields of an account a rectification changes; the others stay as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountChange(String firstName, String lastName, String email) {
    }

    /** The account: username, email, names, creation time, enabled, required actions... */
    @GET
    @Path("/{id}")
    JsonNode account(@PathParam("id") String id);

    /** The account's active sessions: start, last access, IP address, clients. */
    @GET
    @Path("/{id}/sessions")
    JsonNode sessions(@PathParam("id") String id);

    @PUT
    @Path("/{id}")
    void update(@PathParam("id") String id, AccountChange change);

    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") String id);
}
