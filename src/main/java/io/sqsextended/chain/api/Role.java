package io.sqsextended.chain.api;

import java.util.Locale;

/** What a bearer token may do: producers upload, consumers download, admins do both. */
public enum Role {
    PRODUCER, CONSUMER, ADMIN;

    /** Its name in settings and messages: {@code producer}, {@code consumer}, {@code admin}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
