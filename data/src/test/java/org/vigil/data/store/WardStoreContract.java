package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;

/** What {@link WardStore} and {@link DeviceStore} do, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class WardStoreContract extends StoreContract {
    VigilDatabase db;
    WardStore ward;

    @BeforeEach
    void open() {
        db = openDatabase();
        ward = new WardStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void configuredBedsComeInConfiguredOrderThenUnassignedInArrivalOrder() {
        ward.recordUnassignedBed("zz-early");
        ward.syncConfiguredBeds(List.of(new Bed("b3", "Bed 3", true), new Bed("b1", "Bed 1", true)));
        ward.recordUnassignedBed("x9");
        ward.recordUnassignedBed("a0");
        ward.recordUnassignedBed("b1"); // configured already: unchanged
        ward.recordUnassignedBed("x9"); // known already: unchanged

        assertThat(ward.beds()).containsExactly(
                new Bed("b3", "Bed 3", true), new Bed("b1", "Bed 1", true),
                new Bed("zz-early", "zz-early", false), new Bed("x9", "x9", false), new Bed("a0", "a0", false));
    }

    @Test
    void resyncRelabelsReordersAndKeepsRemovedBedsAsNotConfigured() {
        ward.syncConfiguredBeds(List.of(new Bed("b1", "Bed 1", true), new Bed("b2", "Bed 2", true)));
        ward.recordUnassignedBed("u1");
        ward.syncConfiguredBeds(List.of(new Bed("u1", "Bed U", true), new Bed("b1", "Bed One", true)));

        assertThat(ward.beds()).containsExactly(
                new Bed("u1", "Bed U", true), new Bed("b1", "Bed One", true), new Bed("b2", "Bed 2", false));
    }

    @Test
    void deviceSeenInsertsThenUpdatesAndRecordsAnUnknownBed() throws Exception {
        DeviceStore devices = new DeviceStore(db);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        devices.deviceSeen("mon-1", "b7", t0);
        devices.deviceSeen("mon-1", "b8", t0.plusSeconds(60));
        devices.deviceSeen("mon-2", null, t0);

        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM device ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("id")).isEqualTo("mon-1");
            assertThat(rs.getString("bed_id")).isEqualTo("b8");
            assertThat(Jdbc.getInstant(rs, "first_seen")).isEqualTo(t0);
            assertThat(Jdbc.getInstant(rs, "last_seen")).isEqualTo(t0.plusSeconds(60));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("bed_id")).isNull();
            assertThat(rs.next()).isFalse();
        }
        assertThat(ward.beds()).extracting(Bed::id).containsExactly("b7", "b8");
    }
}
