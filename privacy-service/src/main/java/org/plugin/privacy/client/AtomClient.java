package org.plugin.privacy.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * atom-service's internal API (docs/internal-api.md), called with this service's own token. Its
 * restriction endpoint is contributor-service's to call: a restriction reaches atom-service through
 * contributor-service, whoever decided it.
 */
@RegisterRestClient(configKey = "atom-service")
@OidcClientFilter
@Path("/internal/atoms/contributors/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AtomClient {

    @GET
    @Path("/personal-data")
    JsonNode personalData(@PathParam("id") UUID id);

    @POST
    @Path("/erasure")
    JsonNode erase(@PathParam("id") UUID id);
}
