package org.vigil.link;

import java.util.Arrays;
import java.util.Objects;
import org.vigil.link.tls.BrokerTls;
import org.vigil.link.wire.WardTopic;

/**
 * How the station reaches the ward broker. The MQTT client id is {@code vigil-{ward}-{station}}, stable across
 * restarts so that the broker keeps the station's session.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
 * @param tls for {@code ssl://} only: whom to trust and the station's certificate; null with {@code ssl://} means
 *     {@link BrokerTls#jvmDefaults()}
 * @param user the station's account on the broker, or null (anonymous)
 * @param password the account's password, or null; {@link #toString()} never shows it, {@link #password()} returns
 *     a copy
 */
public record LinkSettings(String brokerUrl, String ward, String station, BrokerTls tls, String user,
                           char[] password) {
    public LinkSettings {
        WardTopic.requireId("ward", ward);
        WardTopic.requireId("station", station);
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
            throw new IllegalArgumentException("broker '" + brokerUrl + "' must be tcp://host:port or ssl://host:port");
        }
        if (brokerUrl.startsWith("ssl://") && tls == null) {
            tls = BrokerTls.jvmDefaults();
        } else if (brokerUrl.startsWith("tcp://") && tls != null) {
            throw new IllegalArgumentException("TLS settings given for a plain tcp:// broker; use ssl://");
        }
        if (user != null && user.isEmpty()) {
            user = null;
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("a broker password without a user name");
        }
        password = password == null ? null : password.clone();
    }

    /** A plain or {@code ssl://} (JVM trust store) broker without an account. */
    public LinkSettings(String brokerUrl, String ward, String station) {
        this(brokerUrl, ward, station, null, null, null);
    }

    public String clientId() {
        return "vigil-" + ward + "-" + station;
    }

    /** A copy of the password, or null. */
    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkSettings s && brokerUrl.equals(s.brokerUrl) && ward.equals(s.ward)
                && station.equals(s.station) && Objects.equals(tls, s.tls) && Objects.equals(user, s.user)
                && Arrays.equals(password, s.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerUrl, ward, station, tls, user);
    }

    @Override
    public String toString() {
        return "LinkSettings[brokerUrl=" + brokerUrl + ", ward=" + ward + ", station=" + station + ", tls=" + tls
                + ", user=" + user + ", password=" + (password == null ? "none" : "(hidden)") + "]";
    }
}
