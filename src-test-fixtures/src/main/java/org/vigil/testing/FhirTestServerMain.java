package org.vigil.testing;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link FhirTestServer} in a JVM of its own (the emr-drain benchmark starts it with ProcessBuilder):
 * {@code java ... org.vigil.testing.FhirTestServerMain PORT [--no-validate]}. Prints {@code READY <base URL>} on
 * standard output once it answers, and stops when its standard input closes (so it never outlives its parent).
 */
public final class FhirTestServerMain {
    private FhirTestServerMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        boolean validate = !(args.length > 1 && args[1].equals("--no-validate"));
        try (FhirTestServer server = FhirTestServer.start(port, validate)) {
            System.out.println("READY " + server.baseUrl());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // wait for the parent to close our stdin (or die)
            }
            System.out.println("transactions " + server.transactionCount() + ", observations " + server.observations().size());
        }
    }
}
