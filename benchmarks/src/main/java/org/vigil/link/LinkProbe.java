package org.vigil.link;

/**
 * Benchmark access to {@link WardLink#dispatch}, which is package-private: exactly what the MQTT callback thread
 * does with each message (parse the topic, decode and validate, write the live buffers, call the listeners),
 * without a broker. Lives in the benchmarks module only (same package on the class path).
 */
public final class LinkProbe {
    private final WardLink link;

    public LinkProbe(WardLink link) {
        this.link = link;
    }

    public void dispatch(String topic, byte[] payload) {
        link.dispatch(topic, payload);
    }
}
