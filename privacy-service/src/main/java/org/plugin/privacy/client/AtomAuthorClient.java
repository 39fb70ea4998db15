package org.plugin.privacy.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * atom-service's feedback by author subject: ratings and comments are keyed by the token subject of
 * whoever wrote them, contributor or not (and a contributor's feedback from before they registered
 * carries no contributor id). Proposed addition to docs/internal-api.md; called only when
 * {@code plugin.privacy.atom-service.author-feedback=true}.
 */
@RegisterRestClient(configKey = "atom-service")
@OidcClientFilter
@Path("/internal/atoms/authors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AtomAuthorClient {

    record Author(String subject) {
    }

    /** {@code {"subject","ratings":[...],"comments":[...]}}; empty lists for an unknown subject. */
    @GET
    @Path("/personal-data")
    JsonNode personalData(@QueryParam("subject") String subject);

    /** Deletes the subject's comments, makes their ratings anonymous; a repeat changes nothing. */
    @POST
    @Path("/erasure")
    JsonNode erase(Author author);
}
