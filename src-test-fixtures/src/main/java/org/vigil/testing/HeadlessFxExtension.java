package org.vigil.testing;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * JUnit 5 extension that starts JavaFX for a UI test class: sets the headless properties
 * ({@link HeadlessFx#ensureProperties()}) and registers TestFX's primary stage (starting the toolkit once per
 * JVM). Use it with {@code @ExtendWith(HeadlessFxExtension.class)} before TestFX's {@code ApplicationExtension},
 * or alone with {@code FxToolkit.setupStage/setupSceneRoot}. JUnit calls it on the test thread.
 */
public final class HeadlessFxExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws TimeoutException {
        HeadlessFx.ensureProperties();
        FxToolkit.registerPrimaryStage();
    }
}
