package org.vigil.data.recording;

import java.time.Instant;
import java.util.List;

/** The recorded waveforms of one bed in {@code [from, to)}: one trace per channel code. */
public record WaveWindow(String bed, Instant from, Instant to, List<WaveTrace> traces) {
    public WaveWindow {
        traces = List.copyOf(traces);
    }

    /** The trace of this channel code, or null when the channel was not recorded in the window. */
    public WaveTrace trace(String code) {
        for (WaveTrace t : traces) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        return null;
    }
}
