package org.vigil.data.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Objects;

/**
 * The bedside devices the station has seen and the bed each last published for. Any thread may call it; calls
 * block on I/O (never call from the JavaFX or MQTT callback thread). Each call is a write: callers should report
 * a device when it appears or changes bed and then at most every minute or so, not per message.
 */
public final class DeviceStore {
    private final VigilDatabase db;

    public DeviceStore(VigilDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Records that {@code deviceId} published for {@code bedId} (null if unknown) at {@code at}. */
    public void deviceSeen(String deviceId, String bedId, Instant at) {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(at, "at");
        db.transaction(c -> {
            if (bedId != null) {
                WardStore.ensureBed(c, bedId, at);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE device SET bed_id = ?, last_seen = ? WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO device (id, bed_id, first_seen, last_seen) VALUES (?, ?, ?, ?)")) {
                update.setString(1, bedId);
                Jdbc.setInstant(update, 2, at);
                update.setString(3, deviceId);
                if (update.executeUpdate() > 0) {
                    return null;
                }
                insert.setString(1, deviceId);
                insert.setString(2, bedId);
                Jdbc.setInstant(insert, 3, at);
                Jdbc.setInstant(insert, 4, at);
                if (!Jdbc.insertUnlessDuplicate(c, insert)) {
                    update.executeUpdate(); // another station sharing the store inserted it meanwhile
                }
            }
            return null;
        });
    }
}
