package org.plugin.privacy.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * atom-service's internal API (docs/internal-api.md), called with this service's own token: what the
 * catalog ties to a contributor id, and the feedback keyed by the token subject of its author,
 * contributor or not (a contributor's feedback from before they registered carries no contributor
 * id; called only with {@code plugin.privacy.atom-service.author-feedback=true}). The records are what
 * this service reads and sends, named as atom-service names them (its InternalDtos and AtomDtos).
 * Its restriction endpoint is contributor-service's to call: a restriction reaches atom-service
 * through contributor-service, whoever decided it.
 */
@RegisterRestClient(configKey = "atom-service")
@OidcClientFilter
@Path("/internal/atoms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AtomClient {

    /** Everything the catalog ties to one contributor id: an ACCESS document carries it whole. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PersonalData(UUID contributorId, boolean restricted, Erasure erasure, List<AtomData> atoms, List<ChainData> chains,
            List<RatingData> ratings, List<CommentData> comments, List<LedgerData> ledger, List<SubscriptionData> subscriptions,
            List<NotificationData> notifications, List<WebhookData> webhooks) {

        /** Without webhooks (a catalog that has none to report). */
        public PersonalData(UUID contributorId, boolean restricted, Erasure erasure, List<AtomData> atoms, List<ChainData> chains,
                List<RatingData> ratings, List<CommentData> comments, List<LedgerData> ledger, List<SubscriptionData> subscriptions,
                List<NotificationData> notifications) {
            this(contributorId, restricted, erasure, atoms, chains, ratings, comments, ledger, subscriptions, notifications, null);
        }
    }

    /** An Atom the contributor follows. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SubscriptionData(String atom, Instant subscribedAt) {
    }

    /** An in-app notification of theirs: a change of an Atom their chains use or they follow, or a notice about their webhook. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NotificationData(UUID id, String type, String atom, String version, List<String> chains, Instant occurredAt, Instant readAt,
            UUID webhookId, String webhookUrl, String reason) {
    }

    /** A contributor's webhook (atom-service never sends its secret) and the deliveries it keeps. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WebhookData(UUID id, String url, String description, boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt,
            List<WebhookDeliveryData> deliveries) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WebhookDeliveryData(UUID id, String eventId, String eventType, String state, int attempts, Instant createdAt, Instant deliveredAt,
            Integer lastStatus, String lastError) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Erasure(UUID contributorId, Instant erasedAt, int atoms, int feedback) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AtomData(String name, AtomMetadata descriptor, String lifecycle, Instant createdAt, List<VersionView> versions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AtomMetadata(String displayName, String summary, String description, String kind, String category, List<String> tags,
            String license, String sourceUrl, String documentationUrl) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record VersionView(String atom, String version, String state, List<Artifact> artifacts, List<String> languages,
            List<ConnectionPoint> connectionPoints, String releaseNotes, String contentDigest, Instant createdAt, Instant updatedAt,
            Instant publishedAt, Instant deprecatedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Artifact(String type, String reference, String digest) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConnectionPoint(String name, String protocol, String direction) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChainData(String name, String description, Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RatingData(String atom, int stars, Instant createdAt, Instant updatedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CommentData(UUID id, String atom, String body, Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LedgerData(long seq, UUID id, Instant recordedAt, String event, String atom, String version, String actorKind,
            String ciClient, String details) {
    }

    /** Every rating and comment whose author is {@code subject}, contributor or not; empty lists for an unknown subject. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthorFeedback(String subject, List<RatingData> ratings, List<CommentData> comments) {
    }

    /** Names the author of feedback by their token subject. */
    record AuthorSubject(String subject) {
    }

    @GET
    @Path("/contributors/{id}/personal-data")
    PersonalData personalData(@PathParam("id") UUID id);

    /**
     * Feedback text deleted, Atoms kept but attributed to no one; answers {@code {"contributorId","erasedAt","atoms","feedback"}},
     * also on a repeat: a 2xx is the confirmation.
     */
    @POST
    @Path("/contributors/{id}/erasure")
    void erase(@PathParam("id") UUID id);

    /** The feedback erased under a subject, by the call that named it. */
    record AuthorErasure(Instant erasedAt, int comments, int ratings) {
    }

    /** A contributor's erasure; {@code author} only when the call named their subject and atom-service erased under it too. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContributorErasure(UUID contributorId, Instant erasedAt, int atoms, int feedback, AuthorErasure author) {
    }

    /**
     * The contributor's erasure and their feedback's by token subject, in one call and one transaction there.
     * An answer without {@code author} comes from an atom-service that does not take the subject yet (it
     * erased the contributor and ignored the body): the feedback by subject is not erased then.
     */
    @POST
    @Path("/contributors/{id}/erasure")
    ContributorErasure erase(@PathParam("id") UUID id, AuthorSubject author);

    @GET
    @Path("/authors/personal-data")
    AuthorFeedback authorFeedback(@QueryParam("subject") String subject);

    /** Deletes the subject's comments, makes their ratings anonymous; a repeat changes nothing. A 2xx is the confirmation. */
    @POST
    @Path("/authors/erasure")
    void eraseAuthor(AuthorSubject author);
}
