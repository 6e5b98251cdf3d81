package io.closedloop.feedback;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's feature packages form a stack: each may use those below it, none one above. A package that needs
 * something from above takes it through an interface it declares (a port) that the package above implements.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.closedloop.feedback");

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching("io.closedloop.feedback.(*)..").should().beFreeOfCycles().check(SERVICE);
    }
}
