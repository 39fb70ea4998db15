package org.plugin.privacy.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/** contributor-service's internal API (docs/internal-api.md), called with this service's own token. */
@RegisterRestClient(configKey = "contributor-service")
@OidcClientFilter
@Path("/internal/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ContributorClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(UUID id, String accountName, String status, Boolean restricted) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rectification(String firstName, String lastName, String email) {
    }

    record Restriction(boolean restricted, String reason) {
    }

    record NamesRequest(java.util.List<UUID> ids) {
    }

    /** Public names; every name is null for a deactivated or erased contributor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Name(UUID id, String accountName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Names(java.util.List<Name> contributors) {
    }

    /** At most {@link #MAX_NAMES} ids per call. */
    int MAX_NAMES = 200;

    @GET
    @Path("/resolve")
    Resolved resolveSubject(@QueryParam("subject") String subject);

    @GET
    @Path("/resolve")
    Resolved resolveAccountName(@QueryParam("accountName") String accountName);

    @POST
    @Path("/names")
    Names names(NamesRequest ids);

    @GET
    @Path("/{id}/personal-data")
    JsonNode personalData(@PathParam("id") UUID id);

    @PATCH
    @Path("/{id}")
    JsonNode rectify(@PathParam("id") UUID id, Rectification changes);

    @PUT
    @Path("/{id}/restriction")
    JsonNode restrict(@PathParam("id") UUID id, Restriction restriction);

    @POST
    @Path("/{id}/erasure")
    JsonNode erase(@PathParam("id") UUID id);
}
