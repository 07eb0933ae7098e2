package org.vigil.data.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.data.model.Bed;

/**
 * The ward's beds: configured ones in the configured order, then unassigned ones (beds that published without
 * being configured) in the order they first appeared. Any thread may call it; calls block on I/O (never call
 * from the JavaFX or MQTT callback thread).
 */
public final class WardStore {
    private final VigilDatabase db;

    public WardStore(VigilDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Makes {@code beds} (in this order) the configured beds: labels and order are updated, new beds inserted.
     * Beds no longer in the list are kept, for their history, but marked not configured.
     */
    public void syncConfiguredBeds(List<Bed> beds) {
        Instant now = Instant.now();
        db.transaction(c -> {
            try (PreparedStatement clear = c.prepareStatement("UPDATE bed SET configured = FALSE WHERE configured = TRUE");
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE bed SET label = ?, display_order = ?, configured = TRUE WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO bed (id, label, display_order, configured, created_at) VALUES (?, ?, ?, TRUE, ?)")) {
                clear.executeUpdate();
                for (int i = 0; i < beds.size(); i++) {
                    Bed bed = beds.get(i);
                    update.setString(1, bed.label());
                    update.setInt(2, i);
                    update.setString(3, bed.id());
                    if (update.executeUpdate() == 0) {
                        insert.setString(1, bed.id());
                        insert.setString(2, bed.label());
                        insert.setInt(3, i);
                        Jdbc.setInstant(insert, 4, now);
                        if (!Jdbc.insertUnlessDuplicate(c, insert)) {
                            update.executeUpdate(); // another station inserted it meanwhile
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Records a bed that publishes without being configured (label = its id), unless the bed is already known. */
    public void recordUnassignedBed(String bedId) {
        Objects.requireNonNull(bedId, "bedId");
        db.transaction(c -> {
            ensureBed(c, bedId, Instant.now());
            return null;
        });
    }

    /** All known beds in display order: configured first, then unassigned. */
    public List<Bed> beds() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, label, configured FROM bed ORDER BY configured DESC, display_order, id");
                 ResultSet rs = ps.executeQuery()) {
                List<Bed> beds = new ArrayList<>();
                while (rs.next()) {
                    beds.add(new Bed(rs.getString("id"), rs.getString("label"), rs.getBoolean("configured")));
                }
                return beds;
            }
        });
    }

    /**
     * Inserts {@code bedId} as an unassigned bed, ordered after every known bed, unless it exists (also when another
     * station sharing the store inserts it at the same moment). Other stores call this inside their transaction
     * because a device or an admission may name a bed before anyone recorded it.
     */
    static void ensureBed(Connection c, String bedId, Instant at) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM bed WHERE id = ?")) {
            find.setString(1, bedId);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bed (id, label, display_order, configured, created_at) "
                        + "VALUES (?, ?, (SELECT COALESCE(MAX(display_order), -1) + 1 FROM bed), FALSE, ?)")) {
            insert.setString(1, bedId);
            insert.setString(2, bedId);
            Jdbc.setInstant(insert, 3, at);
            Jdbc.insertUnlessDuplicate(c, insert); // false: another station recorded it meanwhile, as wanted
        }
    }
}
