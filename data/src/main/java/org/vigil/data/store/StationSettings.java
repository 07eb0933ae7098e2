package org.vigil.data.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings one console keeps across restarts ({@code station_setting}), such as the alarm volume, keyed by this
 * station's name so that stations sharing a database keep their own. Each change is forced to disk; its audit row
 * is the caller's, written before the change like every console action's. Any thread may call it; calls block on
 * I/O (never call from the JavaFX or MQTT callback thread).
 */
public final class StationSettings {
    /** The alarm volume setting, a whole percentage of full scale. */
    public static final String ALARM_VOLUME = "alarm_volume";

    private final VigilDatabase db;
    private final String station;

    /** @param station this station's name */
    public StationSettings(VigilDatabase db, String station) {
        this.db = Objects.requireNonNull(db, "db");
        this.station = Objects.requireNonNull(station, "station");
    }

    /** The setting's value at this station, or empty when it was never set here. */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting_value FROM station_setting WHERE station = ? AND name = ?")) {
                ps.setString(1, station);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Sets the value at this station, durably.
     *
     * @param username who changed it (null: the system)
     */
    public void put(String name, String value, String username, Instant at) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        db.durable(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE station_setting SET setting_value = ?, "
                    + "updated_at = ?, updated_by = ? WHERE station = ? AND name = ?")) {
                ps.setString(1, value);
                Jdbc.setInstant(ps, 2, at);
                ps.setString(3, username);
                ps.setString(4, station);
                ps.setString(5, name);
                updated = ps.executeUpdate();
            }
            if (updated == 0) { // one console writes its own rows: no other writer races for this key
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO station_setting "
                        + "(station, name, setting_value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, station);
                    ps.setString(2, name);
                    ps.setString(3, value);
                    Jdbc.setInstant(ps, 4, at);
                    ps.setString(5, username);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
