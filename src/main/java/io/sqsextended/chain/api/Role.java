package io.sqsextended.chain.api;

import java.util.Locale;

/** What a bearer token may do: producers upload, consumers download, admins do both. */
public enum Role {
    PRODUCER, CONSUMER, ADMIN;

    public static Role of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
