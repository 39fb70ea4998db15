package org.plugin.privacy.client;

import java.time.Instant;
import java.util.List;
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

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * contributor-service's internal API (docs/internal-api.md), called with this service's own token.
 * The records are what this service reads and sends, named as contributor-service names them
 * (its InternalDtos); a field it adds is ignored here until a record here names it.
 */
@RegisterRestClient(configKey = "contributor-service")
@OidcClientFilter
@Path("/internal/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ContributorClient {

    /** At most {@link #MAX_NAMES} ids per call. */
    int MAX_NAMES = 200;

    /**
     * The contributor registered by a token subject, of an account name or of an id ({@code status}: ACTIVE,
     * DEACTIVATED, ERASED); {@code subject}, their login's token subject, only in the answer by id.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolved(UUID id, String accountName, String status, boolean restricted,
            @JsonInclude(JsonInclude.Include.NON_NULL) String subject) {
    }

    record NamesRequest(List<UUID> ids) {
    }

    /** A contributor's public name; null for a deactivated or erased contributor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContributorName(UUID id, String accountName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NamesResponse(List<ContributorName> contributors) {
    }

    /** Everything contributor-service holds about one contributor: an ACCESS document carries it whole. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PersonalData(Profile profile, Restriction restriction, List<RectificationEntry> rectifications,
            List<EmailReadEntry> emailReads, Instant exportedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Profile(UUID id, String subject, String accountName, String firstName, String lastName, String email,
            String status, Instant registeredAt, Instant updatedAt, Instant deactivatedAt, Instant erasureDueAt,
            Instant erasedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Restriction(boolean restricted, String reason, Instant changedAt, String changedBy) {
    }

    /** A rectified field: which, when, who acted; never the old value. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RectificationEntry(String field, Instant changedAt, String actorType, String actor) {
    }

    /** An admin read that returned the email. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmailReadEntry(Instant readAt, String readerSubject, String readerName, String context) {
    }

    /** The fields a RECTIFICATION changes; absent ones stay as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rectification(String firstName, String lastName, String email) {
    }

    record RestrictionChange(boolean restricted, String reason) {
    }

    @GET
    @Path("/resolve")
    Resolved resolveSubject(@QueryParam("subject") String subject);

    @GET
    @Path("/resolve")
    Resolved resolveAccountName(@QueryParam("accountName") String accountName);

    /** With the login subject: what the erasure step needs before contributor-service erases (and forgets) it. */
    @GET
    @Path("/resolve")
    Resolved resolveId(@QueryParam("id") UUID id);

    @POST
    @Path("/names")
    NamesResponse names(NamesRequest ids);

    @GET
    @Path("/{id}/personal-data")
    PersonalData personalData(@PathParam("id") UUID id);

    /** Answers the contributor as they now are; a 2xx is all this service needs. */
    @PATCH
    @Path("/{id}")
    void rectify(@PathParam("id") UUID id, Rectification changes);

    /** Answers the new restriction state; a 2xx is all this service needs. */
    @PUT
    @Path("/{id}/restriction")
    void restrict(@PathParam("id") UUID id, RestrictionChange change);

    /** Answers {@code {"id","status":"ERASED","erasedAt"}}, also on a repeat; a 2xx is the confirmation. */
    @POST
    @Path("/{id}/erasure")
    void erase(@PathParam("id") UUID id);
}
