package org.plugin.privacy;

import org.plugin.privacy.support.UnitFixtures;
import org.plugin.testing.arch.LayerRules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The layers of privacy-service point one way (DESIGN.md, "Conventions"): rest -> service -> repository,
 * records in api, peers in client; SQL only in repositories; no HTTP below rest; nothing of another
 * service. Reads the compiled main classes; no Quarkus boot.
 *
 * <p>Methods or fields both run: the parent pom pins Surefire 3.5.6 (3.5.3 silently ran no
 * {@code @ArchTest} field, SUREFIRE-2298).
 */
@ArchTag(UnitFixtures.UNIT)
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "org.plugin.privacy";

    @ArchTest
    static void layers(JavaClasses classes) {
        LayerRules.layers(ROOT).check(classes);
    }

    @ArchTest
    static void sqlOnlyInRepositories(JavaClasses classes) {
        LayerRules.sqlOnlyInRepositories(ROOT).check(classes);
    }

    @ArchTest
    static void noHttpBelowRest(JavaClasses classes) {
        LayerRules.noHttpBelowRest(ROOT).check(classes);
    }

    @ArchTest
    static void noOtherService(JavaClasses classes) {
        LayerRules.noOtherService(ROOT).check(classes);
    }
}
