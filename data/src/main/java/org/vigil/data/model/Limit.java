package org.vigil.data.model;

/** A pair of alarm limits; either side may be null (no limit on that side). */
public record Limit(Double low, Double high) {
}
