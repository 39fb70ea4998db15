package org.plugin.atom.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * contributor-service's internal API (docs/internal-api.md), called with this service's own token.
 * An answer of 400 or above is a {@link Refused}, so that callers read the peer's refusal without
 * knowing HTTP types.
 */
@RegisterRestClient(configKey = "contributor-service")
@OidcClientFilter
@Path("/internal/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ContributorClient {

    record NamesRequest(List<UUID> ids) {
    }

    /** Names of contributors; first and last names are null when restricted, all names when deactivated or erased. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContributorNames(UUID id, String accountName, String firstName, String lastName, String status, boolean restricted) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamesResponse(List<ContributorNames> contributors) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResolvedContributor(UUID id, String accountName, String status, boolean restricted) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    /** contributor-service answered with an error status; {@link #notFound()} when it knows no such contributor. */
    class Refused extends RuntimeException {
        private final int status;

        public Refused(int status) {
            super("contributor-service answered " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }

        public boolean notFound() {
            return status == Response.Status.NOT_FOUND.getStatusCode();
        }
    }

    @ClientExceptionMapper
    static Refused refused(Response response) {
        return new Refused(response.getStatus());
    }

    @POST
    @Path("/names")
    NamesResponse names(NamesRequest request);

    @GET
    @Path("/resolve")
    ResolvedContributor resolveBySubject(@QueryParam("subject") String subject);

    @GET
    @Path("/resolve")
    ResolvedContributor resolveByAccountName(@QueryParam("accountName") String accountName);
}
