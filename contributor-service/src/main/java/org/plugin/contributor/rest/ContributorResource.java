package org.plugin.contributor.rest;

import java.net.URI;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.CurrentCaller;
import org.plugin.common.security.Roles;
import org.plugin.common.validation.PlainText;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.contributor.api.ContributorDtos.ContributorView;
import org.plugin.contributor.api.ContributorDtos.Deactivation;
import org.plugin.contributor.api.ContributorDtos.Rectification;
import org.plugin.contributor.api.ContributorDtos.Registration;
import org.plugin.contributor.api.ContributorDtos.RestrictionChange;
import org.plugin.contributor.api.ContributorDtos.RestrictionState;
import org.plugin.contributor.api.ContributorDtos.SelfView;
import org.plugin.contributor.api.ContributorDtos.Status;
import org.plugin.contributor.service.AccountSync;
import org.plugin.contributor.service.ContributorService;
import org.plugin.contributor.service.ProviderEmail;
import org.plugin.common.idempotency.Idempotent;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Contributor accounts, at the gateway under {@code /api/contributors}. Any platform user may read
 * public views and register; the contributor manages their own record under {@code /me}; admins see
 * emails (each read recorded) and set restrictions.
 */
@Path("/api/contributors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role")
@APIResponse(responseCode = "406", description = "The Accept header admits no JSON answer")
@Tag(name = "Contributors", description = "Contributor accounts: registration, the directory, public views, the caller's own record, rectification, deactivation; restriction by admins")
public class ContributorResource {

    private final ContributorService service;
    private final AccountSync sync;
    private final CurrentCaller caller;
    private final JsonWebToken token;

    ContributorResource(ContributorService service, AccountSync sync, CurrentCaller caller, JsonWebToken token) {
        this.service = service;
        this.sync = sync;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "registerContributor", summary = "Registers the caller (the token's subject) as a contributor",
            description = "With the email the provider verified: a token that says email_verified false, or that carries "
                    + "another email than the one given, is refused (403). Frontends prefill the names and email from the "
                    + "token's given_name, family_name and email.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the public view; the body is the caller's own record",
            content = @Content(schema = @Schema(implementation = SelfView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "403", description = "The token lacks the user role, or has no subject that can identify a contributor, "
            + "or the provider has not verified the email (the token says email_verified false, or carries another email)")
    @APIResponse(responseCode = "409", description = "Account name or email taken, or the caller is already registered")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    @Idempotent
    @Parameter(name = Idempotent.HEADER, in = ParameterIn.HEADER, description = Idempotent.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was already used for another request")
    public Response register(@NotNull @Valid Registration registration) {
        providerEmail().checkRegistration(registration.email());
        var created = service.register(subject(), registration);
        sync.pushNow(created.id());
        return Response.created(URI.create("/api/contributors/" + created.accountName())).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listContributors", summary = "The directory of active contributors, searchable by name",
            description = "Sorted by account name, then id. Users get public views; admins get admin views (with email, "
                    + "each read recorded) and may list another status.")
    @APIResponse(responseCode = "200", description = "One page; items are public views, or admin views for admins")
    @APIResponse(responseCode = "400", description = "Bad paging, search or status parameter")
    @APIResponse(responseCode = "403", description = "A status other than ACTIVE asked by a non-admin")
    public Page<ContributorView> directory(
            @Parameter(description = "Part of an account name, first or last name (admins: also email), any case")
            @QueryParam("q") @Size(max = 100) @PlainText String search,
            @Parameter(description = "ACTIVE (default), DEACTIVATED or ERASED; other than ACTIVE for admins only",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "ACTIVE", "DEACTIVATED", "ERASED" }))
            @QueryParam("status") String status,
            @BeanParam @Valid PageRequest page) {
        return service.directory(search, parseStatus(status), page, caller.get());
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getMyContributor", summary = "The caller's own contributor record, whatever its status")
    @APIResponse(responseCode = "200", description = "The caller's record",
            content = @Content(schema = @Schema(implementation = SelfView.class)))
    @APIResponse(responseCode = "404", description = "The caller is not registered")
    public SelfView me() {
        return service.me(subject());
    }

    @PATCH
    @Path("/me")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "rectifyMyContributor", summary = "Rectifies the caller's first name, last name or email",
            description = "Each changed field is audited by name, time and actor; old values are not kept.")
    @APIResponse(responseCode = "200", description = "The rectified record",
            content = @Content(schema = @Schema(implementation = SelfView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that fails validation, or nothing to change")
    @APIResponse(responseCode = "404", description = "The caller is not registered")
    @APIResponse(responseCode = "409", description = "Email used by another contributor, or the account is deactivated")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    public SelfView rectify(@NotNull @Valid Rectification rectification) {
        var rectified = service.rectifyOwn(subject(), rectification);
        sync.pushNow(rectified.id());
        return rectified;
    }

    @POST
    @Path("/me/deactivation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "deactivateMyContributor", summary = "Deactivates the caller's account",
            description = "At once: gone from public views and the directory, cannot publish. Personal data is erased "
                    + "by the stated deadline (one calendar month, Europe/Paris). Repeating it changes nothing.")
    @APIResponse(responseCode = "200", description = "Deactivated, with the erasure deadline",
            content = @Content(schema = @Schema(implementation = Deactivation.class)))
    @APIResponse(responseCode = "404", description = "The caller is not registered")
    public Deactivation deactivate() {
        var deactivated = service.deactivateOwn(subject());
        // answered once the identity provider has disabled the account (or, if it is down, once the change is recorded)
        sync.pushNow(deactivated.id());
        return deactivated;
    }

    @DELETE
    @Path("/me")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "deleteMyContributor", summary = "Deactivates the caller's account (same as POST /me/deactivation)")
    @APIResponse(responseCode = "200", description = "Deactivated, with the erasure deadline",
            content = @Content(schema = @Schema(implementation = Deactivation.class)))
    @APIResponse(responseCode = "404", description = "The caller is not registered")
    public Deactivation deleteMe() {
        return deactivate();
    }

    @GET
    @Path("/{accountName}")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getContributor", summary = "A contributor by account name",
            description = "Users get the public view of an active contributor (no names while restricted); admins get "
                    + "the admin view of a contributor of any status, and the read of the email is recorded.")
    @APIResponse(responseCode = "200", description = "Public view, or admin view for admins",
            content = @Content(schema = @Schema(implementation = ContributorView.class)))
    @APIResponse(responseCode = "404", description = "No active contributor of that name (for admins: none at all)")
    public ContributorView get(@PathParam("accountName") String accountName) {
        return service.view(accountName, caller.get());
    }

    @PUT
    @Path("/{accountName}/restriction")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setContributorRestriction", summary = "Sets or lifts a contributor's restriction of processing (admins)",
            description = "While restricted, public views and the names other services show carry no first or last name. "
                    + "Asking for the current state again changes nothing.")
    @APIResponse(responseCode = "200", description = "The contributor's restriction state",
            content = @Content(schema = @Schema(implementation = RestrictionState.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or a field that fails validation")
    @APIResponse(responseCode = "404", description = "No contributor of that name")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Body not sent as application/json")
    public RestrictionState restrict(@PathParam("accountName") String accountName, @NotNull @Valid RestrictionChange change) {
        var changed = service.restrict(accountName, change, caller.get());
        sync.pushNow(changed.id());
        return changed;
    }

    /**
     * The token's subject, whole: the one that identifies the caller's own record. {@link CurrentCaller}
     * clips it to 255 characters for audit columns, and a clipped subject must identify no one.
     */
    private String subject() {
        return token.getSubject();
    }

    /** The email the token carries and whether the provider verified it (null when the token does not say). */
    private ProviderEmail providerEmail() {
        Object email = token.getClaim("email");
        return new ProviderEmail(email == null ? null : unquoted(email), flag(token.getClaim("email_verified")));
    }

    private static Boolean flag(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof Boolean b) {
            return b;
        }
        // JSON-P values (JsonValue.TRUE / FALSE) or a string; anything else counts as not verified
        return "true".equalsIgnoreCase(unquoted(claim));
    }

    private static String unquoted(Object claim) {
        String text = claim.toString();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static Status parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("Unknown status; use ACTIVE, DEACTIVATED or ERASED");
        }
    }
}
