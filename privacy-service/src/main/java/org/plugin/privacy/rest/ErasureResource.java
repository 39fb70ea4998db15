package org.plugin.privacy.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.plugin.common.security.Roles;
import org.plugin.common.web.Page;
import org.plugin.common.web.PageRequest;
import org.plugin.privacy.api.ErasureDtos.Certificate;
import org.plugin.privacy.api.ErasureDtos.JobView;
import org.plugin.privacy.api.JobStatus;
import org.plugin.privacy.service.ErasureService;

/** The erasure jobs, for admins: per-service status, retry-now, completion certificates. */
@Path("/api/privacy/erasure-jobs")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not an admin")
@Tag(name = "Erasure jobs", description = "The erasure workflow across every holder of personal data, its progress and certificate (admins)")
public class ErasureResource {

    private final ErasureService service;

    ErasureResource(ErasureService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listErasureJobs", summary = "Erasure jobs, soonest deadline first, with per-service status and the at-risk flag")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Unknown status, invalid paging")
    public Page<JobView> list(@Parameter(schema = @Schema(implementation = JobStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Only jobs at risk of missing their deadline (true) or only the others (false)", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("atRisk") String atRisk, @BeanParam @Valid PageRequest page) {
        return service.search(Filters.parse(JobStatus.class, "status", status), Filters.bool("atRisk", atRisk), page);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getErasureJob", summary = "One erasure job")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "retryErasureJob", summary = "Runs a job now instead of waiting for its next retry; answers the job as it stands afterwards")
    @APIResponse(responseCode = "200", description = "The job after the attempt (or as another replica is running it)")
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "Already completed, or still in its grace period")
    public JobView retry(@PathParam("id") UUID id) {
        return service.retry(id);
    }

    @GET
    @Path("/{id}/certificate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getErasureCertificate", summary = "The non-personal completion certificate of a completed job")
    @APIResponse(responseCode = "200", description = "Job id, pseudonymous contributor id, deadline, completion and confirmation times, SHA-256 hash")
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job is not completed")
    public Certificate certificate(@PathParam("id") UUID id) {
        return service.certificate(id);
    }
}
