package org.vigil.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ArchUnit rule base for the module layering of {@code docs/design.md}: rule factories parameterised by
 * package, and an importer of Vigil's main classes. The concrete rules live in the app module's test.
 *
 * <p>Packages are ArchUnit package identifiers: {@code "javafx.."} is {@code javafx} and its sub-packages. A
 * layer is given as a plain package ({@code "org.vigil.alarms"}) and always includes its sub-packages. A rule
 * whose layer holds no imported class fails ("failed to check any classes"), so a misspelt package is noticed.
 * Rules and importer are stateless: any thread may call them.
 */
public final class ArchitectureRules {

    private static final Pattern VIGIL_JAR = Pattern.compile(".*/vigil-[^/!]*\\.jar!/.*");

    /**
     * Imports Vigil's main classes only: no test classes, no classes of this test-fixtures module, and no
     * third-party jar. Vigil's own module jars ({@code vigil-*.jar}) are kept, because a module's tests see
     * the other modules as jars when the reactor runs {@code package} or later.
     */
    public static final ImportOption MAIN_CLASSES_ONLY = location ->
            new ImportOption.DoNotIncludeTests().includes(location)
                    && !location.contains("test-fixtures")
                    && !location.contains("/org/vigil/testing/")
                    && (!location.isJar() || location.matches(VIGIL_JAR));

    private ArchitectureRules() {
    }

    /** The main classes under {@code rootPackage} (for example {@code "org.vigil"}); see {@link #MAIN_CLASSES_ONLY}. */
    public static JavaClasses importMainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages(rootPackage);
    }

    /**
     * No class in {@code layerPackage} (or below) may depend on a class in any of {@code forbiddenPackages};
     * for example {@code layerMayNotUse("org.vigil.alarms", "javafx..", "org.eclipse.paho..")}.
     */
    public static ArchRule layerMayNotUse(String layerPackage, String... forbiddenPackages) {
        return noClasses().that().resideInAPackage(layerPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbiddenPackages)
                .because("the module layering (docs/design.md) forbids " + layerPackage + " to use "
                        + Arrays.toString(forbiddenPackages));
    }

    /**
     * Only classes in {@code layerPackage} (or below) may depend on classes in {@code packages}; for example
     * {@code onlyLayerMayUse("org.vigil.devicelink", "org.eclipse.paho..")}.
     */
    public static ArchRule onlyLayerMayUse(String layerPackage, String... packages) {
        return onlyLayersMayUse(List.of(layerPackage), packages);
    }

    /**
     * Only classes in one of {@code layerPackages} (or below) may depend on classes in {@code packages}; for
     * example {@code onlyLayersMayUse(List.of("org.vigil.data", "org.vigil.app"), "java.sql..")}.
     */
    public static ArchRule onlyLayersMayUse(Collection<String> layerPackages, String... packages) {
        String[] layers = layerPackages.stream().map(p -> p + "..").toArray(String[]::new);
        return noClasses().that().resideOutsideOfPackages(layers)
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because("the module layering (docs/design.md) reserves " + Arrays.toString(packages) + " to "
                        + layerPackages);
    }

    /**
     * The direct sub-packages of {@code rootPackage} (the modules: {@code org.vigil.data},
     * {@code org.vigil.alarms}...) do not depend on each other in a cycle.
     */
    public static ArchRule noCyclesBetweenModules(String rootPackage) {
        return SlicesRuleDefinition.slices().matching(rootPackage + ".(*)..")
                .should().beFreeOfCycles()
                .because("dependencies between Vigil's modules point one way (docs/design.md)");
    }
}
