package dev.triage.platform;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of STYLE.md and issue #12: the platform offers generic plumbing (errors,
 * JSON, headers) to the features' boundaries and knows no feature; a feature's control and entity
 * know neither HTTP nor the platform.
 */
class PackageRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.triage");

    @Test
    void platformImportsNoFeature() {
        noClasses().that().resideInAPackage("dev.triage.platform..")
                .should().dependOnClassesThat(resideInAPackage("dev.triage..")
                        .and(resideOutsideOfPackage("dev.triage.platform..")))
                .because("features plug into the platform (their mappers map to ApiFailure), never the reverse")
                .check(MAIN);
    }

    @Test
    void controlAndEntityKnowNeitherHttpNorThePlatform() {
        noClasses().that().resideInAnyPackage("dev.triage.*.control..", "dev.triage.*.entity..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("dev.triage.*.control..", "dev.triage.*.entity..")
                .should().dependOnClassesThat().resideInAPackage("dev.triage.platform..")
                .because("a feature's failures are its own exceptions, mapped in its boundary")
                .check(MAIN);
    }
}
