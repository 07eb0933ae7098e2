package org.vigil.link.wire;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed topic of the wire contract, and the builders of every topic. Pure functions; any thread.
 */
public sealed interface WardTopic {

    Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    Pattern ALARM_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    String ward();

    /** What a bed topic carries. */
    enum BedFeed {
        NUMERICS, WAVE, STATUS, EVENT, SETTINGS;

        public String segment() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code ward/{ward}/bed/{bed}/{numerics|wave|status|event|settings}} */
    record Bed(String ward, String bed, BedFeed feed) implements WardTopic {
    }

    /** {@code ward/{ward}/alarm/{bed}/{alarm}} */
    record Alarm(String ward, String bed, String alarm) implements WardTopic {
    }

    /** {@code ward/{ward}/audio-pause} */
    record AudioPause(String ward) implements WardTopic {
    }

    /** {@code ward/{ward}/station/{station}/health} */
    record Health(String ward, String station) implements WardTopic {
    }

    /** @return the topic, or empty when it does not parse (too few or many levels, bad ids, unknown kind) */
    static Optional<WardTopic> parse(String topic) {
        String[] p = topic.split("/", -1);
        if (p.length < 3 || !p[0].equals("ward") || !ID.matcher(p[1]).matches()) {
            return Optional.empty();
        }
        String ward = p[1];
        switch (p[2]) {
            case "bed" -> {
                if (p.length != 5 || !ID.matcher(p[3]).matches()) {
                    return Optional.empty();
                }
                for (BedFeed f : BedFeed.values()) {
                    if (f.segment().equals(p[4])) {
                        return Optional.of(new Bed(ward, p[3], f));
                    }
                }
                return Optional.empty();
            }
            case "alarm" -> {
                if (p.length != 5 || !ID.matcher(p[3]).matches() || !ALARM_ID.matcher(p[4]).matches()) {
                    return Optional.empty();
                }
                return Optional.of(new Alarm(ward, p[3], p[4]));
            }
            case "audio-pause" -> {
                return p.length == 3 ? Optional.of(new AudioPause(ward)) : Optional.empty();
            }
            case "station" -> {
                if (p.length != 5 || !ID.matcher(p[3]).matches() || !p[4].equals("health")) {
                    return Optional.empty();
                }
                return Optional.of(new Health(ward, p[3]));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    static String bed(String ward, String bed, BedFeed feed) {
        return "ward/" + ward + "/bed/" + bed + "/" + feed.segment();
    }

    static String alarm(String ward, String bed, String alarm) {
        return "ward/" + ward + "/alarm/" + bed + "/" + alarm;
    }

    static String audioPause(String ward) {
        return "ward/" + ward + "/audio-pause";
    }

    static String health(String ward, String station) {
        return "ward/" + ward + "/station/" + station + "/health";
    }

    /** @throws IllegalArgumentException naming the value when it is not a valid ward, bed or station id */
    static String requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match [A-Za-z0-9_-]{1,64}");
        }
        return value;
    }
}
