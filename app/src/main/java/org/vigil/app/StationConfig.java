package org.vigil.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vigil.data.model.Bed;

/**
 * The station's resolved settings (command line over config file over defaults). {@code brokerUrl} null means
 * the embedded broker on 127.0.0.1:{@code embeddedPort}.
 */
public record StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                            int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds) {

    public boolean embedded() {
        return brokerUrl == null;
    }

    public String effectiveBrokerUrl() {
        return embedded() ? "tcp://127.0.0.1:" + embeddedPort : brokerUrl;
    }
}
