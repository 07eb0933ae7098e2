package org.vigil.link;

/** The station's connection to the ward broker, always shown on screen. */
public enum LinkState {
    CONNECTING("Broker: connecting"),
    CONNECTED("Broker: connected"),
    DISCONNECTED("Broker: DISCONNECTED");

    private final String text;

    LinkState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
