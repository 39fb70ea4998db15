package org.plugin.privacy.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * The identity provider's admin API (Keycloak's Admin REST API, {@code {base}/admin/realms/plugin}),
 * called with the token of the confidential client {@code privacy-service-idp}, whose service account
 * holds only the realm-management roles {@code view-users} and {@code manage-users}. A user there is
 * keyed by its id, which is the {@code sub} of its tokens. An unknown id answers 404
 * {@code {"error":"User not found"}}. The records hold what this service reads of Keycloak's
 * representations, under Keycloak's names.
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

    /** The account ({@code createdTimestamp} in epoch milliseconds); Keycloak sends more, which no export shows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserRepresentation(String username, String email, Boolean emailVerified, String firstName, String lastName,
            Long createdTimestamp, Boolean enabled, List<String> requiredActions, Map<String, List<String>> attributes) {
    }

    /** An active session: start and last access in epoch milliseconds, the clients by id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserSessionRepresentation(String ipAddress, Long start, Long lastAccess, Map<String, String> clients) {
    }

    @GET
    @Path("/{id}")
    UserRepresentation account(@PathParam("id") String id);

    @GET
    @Path("/{id}/sessions")
    List<UserSessionRepresentation> sessions(@PathParam("id") String id);

    @PUT
    @Path("/{id}")
    void update(@PathParam("id") String id, AccountChange change);

    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") String id);
}
