package org.vigil.link;

import org.vigil.link.wire.WardTopic;

/**
 * How the station reaches the ward broker. The MQTT client id is {@code vigil-{ward}-{station}}, stable across
 * restarts so that the broker keeps the station's session.
 */
public record LinkSettings(String brokerUrl, String ward, String station) {
    public LinkSettings {
        WardTopic.requireId("ward", ward);
        WardTopic.requireId("station", station);
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
            throw new IllegalArgumentException("broker '" + brokerUrl + "' must be tcp://host:port or ssl://host:port");
        }
    }

    public String clientId() {
        return "vigil-" + ward + "-" + station;
    }
}
