package org.vigil.data.model;

import java.time.Instant;
import java.util.List;

/** A wave message of one device: {@code ward/{ward}/bed/{bed}/wave}. Channels carry their own {@code t0}. */
public record Wave(String device, long seq, Instant t0, List<WaveChannel> channels) {
    public Wave {
        channels = List.copyOf(channels);
    }
}
