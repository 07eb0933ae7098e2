package org.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;

@ExtendWith(HeadlessFxExtension.class)
class HeadlessFxExtensionTest {

    @Test
    void javaFxRunsHeadless() throws Exception {
        Label label = new Label();
        FxToolkit.setupSceneRoot(() -> label);
        FxToolkit.setupFixture(() -> label.setText("ok"));

        assertThat(label.getText()).isEqualTo("ok");
        assertThat(label.getScene()).isNotNull();
        assertThat(System.getProperty("glass.platform")).isEqualTo("Monocle");
        assertThat(Platform.isFxApplicationThread()).isFalse();
    }
}
