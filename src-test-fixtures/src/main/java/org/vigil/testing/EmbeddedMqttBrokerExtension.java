package org.vigil.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one {@link EmbeddedMqttBroker} per test class: started before all tests of the
 * class, stopped after them. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedMqttBrokerExtension BROKER = new EmbeddedMqttBrokerExtension();
 * ... client.connect(BROKER.url());
 * }</pre>
 *
 * <p>{@code @Nested} classes share the outer class's broker. JUnit calls the callbacks; the accessors may be
 * called from any thread while the class's tests run.
 */
public final class EmbeddedMqttBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private volatile EmbeddedMqttBroker broker;
    private volatile String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (broker == null) {
            broker = EmbeddedMqttBroker.start();
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null && context.getUniqueId().equals(owner)) {
            broker.close();
            broker = null;
            owner = null;
        }
    }

    /** The running broker; fails if the extension was not registered on a static field. */
    public EmbeddedMqttBroker broker() {
        EmbeddedMqttBroker b = broker;
        if (b == null) {
            throw new IllegalStateException(
                    "embedded broker not running: register EmbeddedMqttBrokerExtension with @RegisterExtension on a static field");
        }
        return b;
    }

    /** The running broker's URL, {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return broker().url();
    }

    /** The running broker's port. */
    public int port() {
        return broker().port();
    }
}
