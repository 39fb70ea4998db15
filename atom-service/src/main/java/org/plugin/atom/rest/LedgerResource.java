package org.plugin.atom.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.atom.api.LedgerDtos.LedgerEntryView;
import org.plugin.atom.api.LedgerDtos.Verification;
import org.plugin.atom.service.LedgerService;
import org.plugin.common.error.DomainException;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;

/** The contribution ledger: an Atom's history for everyone, the whole ledger and its verification for admins. */
@Path("/api/atoms")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token lacks the required role")
@Tag(name = "Ledger", description = "The append-only contribution ledger: who registered, changed or removed which Atom version, and its verification")
public class LedgerResource {

    private final LedgerService ledger;

    LedgerResource(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GET
    @Path("/{name}/ledger")
    @RolesAllowed({ Roles.USER, Roles.CI })
    @Operation(operationId = "listAtomLedger", summary = "An Atom's contribution history, oldest first: who registered, changed or removed what, and when",
            description = "Also answers for removed Atoms: the ledger outlives them. VERSION_DRAFTED entries show only to the Atom's owner "
                    + "(or a CI token acting for them) and admins, as draft versions do.")
    @APIResponse(responseCode = "200", description = "A page of ledger entries")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "404", description = "The ledger has no entry for this name")
    public Page<LedgerEntryView> atomLedger(@PathParam("name") String name, @BeanParam @Valid PageRequest page) {
        return ledger.history(name, page);
    }

    @GET
    @Path("/ledger")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listLedgerEntries", summary = "The whole ledger, oldest first, or the entries of one contributor (admin)")
    @APIResponse(responseCode = "200", description = "A page of ledger entries")
    @APIResponse(responseCode = "400", description = "Invalid contributor id or paging")
    public Page<LedgerEntryView> entries(@Parameter(description = "A contributor id") @QueryParam("contributor") String contributor,
            @BeanParam @Valid PageRequest page) {
        UUID id = null;
        if (contributor != null && !contributor.isBlank()) {
            try {
                id = UUID.fromString(contributor.strip());
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("contributor must be a contributor id (a UUID)");
            }
        }
        return ledger.entries(id, page);
    }

    @GET
    @Path("/ledger/verification")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "verifyLedger", summary = "Verifies the whole ledger (admin): every entry's hash, its link to the previous one, no gap, the head",
            description = "valid=false names the first broken entry and why.")
    @APIResponse(responseCode = "200", description = "The verdict")
    public Verification verify() {
        return ledger.verify();
    }
}
