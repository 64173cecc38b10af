package io.sqsextended.chain.config;

/**
 * One {@code chain.*} key: its name, the kind of value it takes and its default (as written in a properties file).
 *
 * @param name         the key, or for a family its prefix ending in {@code .}
 * @param kind         which parser reads it
 * @param defaultValue the default, or null when unset means "derived" or "none" (the README says which)
 */
public record ConfigKey(String name, Kind kind, String defaultValue) {

    /** The kinds of value, one parser each (see {@link ConfigValues}, {@link InjectionValues}). */
    public enum Kind { TEXT, LIST, INTEGER, NUMBER, BOOLEAN, DURATION, MILLIS, SIZE, LATENCY, FAULTS, FAMILY }

    public boolean isFamily() {
        return kind == Kind.FAMILY;
    }
}
