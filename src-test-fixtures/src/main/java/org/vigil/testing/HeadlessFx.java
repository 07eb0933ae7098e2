package org.vigil.testing;

import java.util.Map;

/**
 * Headless JavaFX for tests: the system properties that make TestFX run on Monocle's headless platform with
 * the software renderer, so that UI tests need no display. Surefire already passes them (the parent pom's
 * {@code vigil.test.fx.args}); calling {@link #ensureProperties()} makes IDE runs behave the same.
 *
 * <p>To watch the tests in a real window (under Xvfb or on a desktop), run with {@code -Dtestfx.headless=false}:
 * then nothing is set.
 */
public final class HeadlessFx {

    private static final Map<String, String> PROPERTIES = Map.of(
            "testfx.robot", "glass",
            "testfx.headless", "true",
            "prism.order", "sw",
            "glass.platform", "Monocle",
            "monocle.platform", "Headless",
            "java.awt.headless", "true");

    private HeadlessFx() {
    }

    /**
     * Sets each headless property that is not already set, unless {@code testfx.headless} is {@code false}.
     * Call it from any thread before the JavaFX toolkit starts (afterwards the properties have no effect).
     */
    public static synchronized void ensureProperties() {
        if ("false".equalsIgnoreCase(System.getProperty("testfx.headless"))) {
            return;
        }
        PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
}
