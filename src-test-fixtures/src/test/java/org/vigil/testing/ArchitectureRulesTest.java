package org.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    /** This module's own classes stand in for a layer: they use Paho and JavaFX, not Swing. */
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackagesOf(MqttTestClient.class);

    /** Two classes of the layer and one outside it ({@code java.time.Clock}, which uses neither). */
    private static final JavaClasses MIXED =
            new ClassFileImporter().importClasses(MqttTestClient.class, MutableClock.class, java.time.Clock.class);

    @Test
    void layerMayNotUseReportsTheOffendingClass() {
        ArchitectureRules.layerMayNotUse("org.vigil.testing", "javax.swing..").check(FIXTURES);

        assertThatThrownBy(() -> ArchitectureRules.layerMayNotUse("org.vigil.testing", "org.eclipse.paho..")
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MqttTestClient")
                .hasMessageContaining("forbids org.vigil.testing to use [org.eclipse.paho..]");
    }

    @Test
    void onlyLayersMayUse() {
        ArchitectureRules.onlyLayersMayUse(List.of("org.vigil.testing", "org.vigil.other"), "org.eclipse.paho..")
                .check(MIXED);

        assertThatThrownBy(() -> ArchitectureRules.onlyLayerMayUse("org.vigil.other", "org.eclipse.paho..")
                        .check(MIXED))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MqttTestClient");
    }

    @Test
    void aMisspeltLayerFailsInsteadOfPassing() {
        assertThatThrownBy(() -> ArchitectureRules.layerMayNotUse("org.vigil.nosuchlayer", "javafx..")
                        .check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void importMainClassesLeavesOutTestsAndTheseFixtures() {
        JavaClasses imported = ArchitectureRules.importMainClasses("org.vigil");

        assertThat(imported).noneMatch(c -> c.getPackageName().startsWith("org.vigil.testing"));
        assertThat(FIXTURES.contain(ArchitectureRulesTest.class)).isTrue();
    }
}
