package org.vigil.data.model;

import java.time.Instant;
import java.util.List;

/** A numerics message of one device: {@code ward/{ward}/bed/{bed}/numerics}. */
public record Numerics(String device, Instant time, long seq, List<NumericValue> values) {
    public Numerics {
        values = List.copyOf(values);
    }

    /** The value with this code, or null. */
    public NumericValue find(String code) {
        for (NumericValue v : values) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        return null;
    }
}
