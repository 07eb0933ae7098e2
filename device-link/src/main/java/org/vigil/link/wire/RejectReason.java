package org.vigil.link.wire;

/** Why a message was dropped; counted per device (or per bed when the device is unknown) and reason. */
public enum RejectReason {
    BAD_TOPIC, TOO_LARGE, NOT_UTF8, NOT_JSON, TOO_DEEP, MISSING_FIELD, WRONG_TYPE, UNKNOWN_VERSION, OUT_OF_RANGE,
    /** More messages on a topic than any device sends normally (ten times a fast device's rate): dropped unread. */
    FLOOD
}
