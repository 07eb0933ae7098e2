package org.vigil.data.model;

import java.util.Objects;

/**
 * A bed of the ward: its id on the wire and the label nurses know it by. An unassigned bed is one that publishes
 * without being configured; it is monitored and alarmed like any other.
 */
public record Bed(String id, String label, boolean configured) {
    public Bed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
