package org.plugin.testing.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.List;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers every service follows, one way down (DESIGN.md, "Conventions"):
 *
 * <pre>
 *   rest/        resources: HTTP only             -> api, service
 *   api/         request/response records          (no other layer of the service)
 *   service/     rules, transactions, authorization -> api, repository, client
 *   repository/  entities and queries: all SQL
 *   client/      peers (REST clients and their records)
 * </pre>
 *
 * Each service's build checks them with {@code @AnalyzeClasses(packages = "org.plugin.<service>")} and
 * {@code @ArchTest} fields taking {@link #of(String)}.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** The rules for the service whose classes live under {@code root} (e.g. {@code org.plugin.atom}). */
    public static List<ArchRule> of(String root) {
        return List.of(layers(root), sqlOnlyInRepositories(root), noHttpBelowRest(root), noOtherService(root));
    }

    /** Services and repositories speak the domain: no JAX-RS type, no HTTP status, no problem builder. */
    public static ArchRule noHttpBelowRest(String root) {
        return noClasses().that().resideInAnyPackage(root + ".service..", root + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkiverse.resteasy.problem..",
                        "org.jboss.resteasy.reactive..")
                .because("a rule refused is a DomainException, mapped to its answer in one place (common/web)");
    }

    /** rest -> service -> repository, api below rest and service, client below service; nothing points up. */
    public static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(root + ".rest..")
                .layer("api").definedBy(root + ".api..")
                .layer("service").definedBy(root + ".service..")
                .layer("repository").definedBy(root + ".repository..")
                .layer("client").definedBy(root + ".client..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service")
                .whereLayer("client").mayOnlyBeAccessedByLayers("service")
                .whereLayer("api").mayOnlyBeAccessedByLayers("rest", "service")
                .because("the layers of a service point one way: rest -> service -> repository (DESIGN.md)");
    }

    /** Only repositories talk to the database: EntityManager, queries, JDBC. */
    public static ArchRule sqlOnlyInRepositories(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".repository..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..", "javax.sql..",
                        "org.hibernate..", "io.quarkus.hibernate.orm.panache..", "io.quarkus.panache..")
                .because("all SQL lives in repository/");
    }

    /** A service never uses another service's classes: they meet over HTTP only. */
    public static ArchRule noOtherService(String root) {
        List<String> services = List.of("org.plugin.contributor..", "org.plugin.atom..", "org.plugin.privacy..");
        String[] others = services.stream().filter(p -> !p.equals(root + "..")).toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share no code but common/; they talk over HTTP");
    }
}
