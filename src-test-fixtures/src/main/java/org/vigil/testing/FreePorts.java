package org.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports for servers that tests start themselves.
 *
 * <p>The port is free when this returns; another process may still take it before the caller binds it, so
 * launchers that pick a port themselves retry with a new one when binding fails. Any thread may call it.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A TCP port that is free on 127.0.0.1 at the moment of the call. */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
        }
    }
}
