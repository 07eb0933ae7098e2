package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link StationSettings} does, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class StationSettingsContract extends StoreContract {
    private static final Instant T = Instant.parse("2026-11-24T05:00:00Z");

    @Test
    void aSettingSurvivesReopeningAndIsPerStation() {
        VigilDatabase db = openDatabase();
        StationSettings cs1 = new StationSettings(db, "cs-1");
        assertThat(cs1.get(StationSettings.ALARM_VOLUME)).isEmpty();
        cs1.put(StationSettings.ALARM_VOLUME, "70", "charge", T);
        cs1.put(StationSettings.ALARM_VOLUME, "40", "bob", T.plusSeconds(5));
        new StationSettings(db, "cs-2").put(StationSettings.ALARM_VOLUME, "90", "ann", T);
        db.close();

        VigilDatabase again = openDatabase();
        try {
            assertThat(new StationSettings(again, "cs-1").get(StationSettings.ALARM_VOLUME)).contains("40");
            assertThat(new StationSettings(again, "cs-2").get(StationSettings.ALARM_VOLUME)).contains("90");
            assertThat(new StationSettings(again, "cs-3").get(StationSettings.ALARM_VOLUME)).isEmpty();
            assertThat(rows(again)).containsExactly("cs-1 40 bob " + T.plusSeconds(5), "cs-2 90 ann " + T);
        } finally {
            again.close();
        }
    }

    private static List<String> rows(VigilDatabase db) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT station, setting_value, updated_by, updated_at "
                    + "FROM station_setting ORDER BY station, name")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                                + Jdbc.getInstant(rs, "updated_at"));
                    }
                    return rows;
                }
            }
        });
    }
}
