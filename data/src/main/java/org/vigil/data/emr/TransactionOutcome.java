package org.vigil.data.emr;

/**
 * What the EMR did with a transaction Bundle: {@code created} new resources, {@code existing} ones it already had
 * (conditional create matched: a retry of something already charted).
 */
public record TransactionOutcome(int created, int existing) {
}
