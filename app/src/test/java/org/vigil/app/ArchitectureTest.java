package org.vigil.app;

import static org.vigil.testing.ArchitectureRules.layerMayNotUse;
import static org.vigil.testing.ArchitectureRules.onlyLayerMayUse;
import static org.vigil.testing.ArchitectureRules.onlyLayersMayUse;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.testing.ArchitectureRules;

/**
 * The module rules of the design notes (docs/decisions/0001-module-layering.md), on main classes: arrows point one
 * way; nothing below ui imports JavaFX; only device-link imports Paho; only data touches JDBC, H2, Flyway, HikariCP
 * or HAPI FHIR (its client, {@code ca.uhn.fhir}, and its model, {@code org.hl7.fhir}).
 */
class ArchitectureTest {
    private static final String DATA = "org.vigil.data";
    private static final String LINK = "org.vigil.link";
    private static final String ALARMS = "org.vigil.alarms";
    private static final String UI = "org.vigil.ui";
    private static final String APP = "org.vigil.app";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ArchitectureRules.importMainClasses("org.vigil");
    }

    @Test
    void dataUsesNoOtherModuleNoUiAndNoMqtt() {
        layerMayNotUse(DATA, LINK + "..", ALARMS + "..", UI + "..", APP + "..", "javafx..", "org.eclipse.paho..")
                .check(classes);
    }

    @Test
    void alarmsIsPureJavaOverData() {
        layerMayNotUse(ALARMS, LINK + "..", UI + "..", APP + "..", "javafx..", "org.eclipse.paho..", "java.sql..",
                "javax.sql..").check(classes);
    }

    @Test
    void deviceLinkUsesOnlyData() {
        layerMayNotUse(LINK, ALARMS + "..", UI + "..", APP + "..", "javafx..").check(classes);
    }

    @Test
    void uiDoesNotReachTheAppNorTheWireNorTheDatabase() {
        layerMayNotUse(UI, APP + "..", "org.eclipse.paho..", "java.sql..", "javax.sql..", "io.moquette..").check(classes);
    }

    @Test
    void onlyDeviceLinkTalksMqtt() {
        onlyLayersMayUse(List.of(LINK, APP), "org.eclipse.paho..").check(classes);
        onlyLayerMayUse(APP, "io.moquette..").check(classes);
    }

    @Test
    void onlyDataTouchesJdbcAndTheDatabaseLibraries() {
        onlyLayerMayUse(DATA, "java.sql..", "javax.sql..", "org.h2..", "org.flywaydb..", "com.zaxxer..", "ca.uhn.fhir..",
                "org.hl7.fhir..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        ArchitectureRules.noCyclesBetweenModules("org.vigil").check(classes);
    }
}
