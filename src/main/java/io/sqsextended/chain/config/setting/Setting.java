package io.sqsextended.chain.config.setting;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The one declaration of a {@code chain.*} key, next to the feature that reads it: its name, its default (as written in
 * a properties file), the parser of its kind of value ({@link ConfigValues}), a one-line doc and an optional check.
 * {@link ConfigReader#get} reads it; the unknown-key check, the README table and application.properties are held to it.
 *
 * @param <T> what the key's value parses to
 */
public final class Setting<T> {

    private final String name;
    private final String defaultValue;
    private final String localDefault;
    private final String doc;
    private final BiFunction<String, String, T> parser;
    private final Predicate<T> valid;
    private final String requirement;
    private final T unset;

    private Setting(String name, String defaultValue, String localDefault, String doc,
                    BiFunction<String, String, T> parser, Predicate<T> valid, String requirement, T unset) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.localDefault = localDefault;
        this.doc = doc;
        this.parser = parser;
        this.valid = valid;
        this.requirement = requirement;
        this.unset = unset;
    }

    public static <T> Setting<T> of(String name, String defaultValue, BiFunction<String, String, T> parser,
            String doc) {
        return new Setting<>(name, defaultValue, defaultValue, doc, parser, value -> true, null, null);
    }

    public static Setting<String> text(String name, String defaultValue, String doc) {
        return of(name, defaultValue, (key, value) -> value, doc);
    }

    /** Comma-separated, blanks dropped; unset is the empty list. */
    public static Setting<List<String>> list(String name, String defaultValue, String doc) {
        return new Setting<>(name, defaultValue, defaultValue, doc, (key, value) -> ConfigValues.list(value),
                value -> true, null, List.of());
    }

    public static Setting<Boolean> bool(String name, String defaultValue, String doc) {
        return of(name, defaultValue, ConfigValues::bool, doc);
    }

    public static Setting<Integer> integer(String name, String defaultValue, String doc) {
        return of(name, defaultValue, (key, value) -> (int) ConfigValues.integer(key, value, Integer.MAX_VALUE), doc);
    }

    public static Setting<Double> number(String name, String defaultValue, String doc) {
        return of(name, defaultValue, ConfigValues::number, doc);
    }

    public static Setting<Duration> duration(String name, String defaultValue, String doc) {
        return of(name, defaultValue, ConfigValues::duration, doc);
    }

    /** A duration where a bare number counts milliseconds. */
    public static Setting<Duration> millis(String name, String defaultValue, String doc) {
        return of(name, defaultValue, ConfigValues::millis, doc);
    }

    /** Bytes, or a number with a binary unit. */
    public static Setting<Long> size(String name, String defaultValue, String doc) {
        return of(name, defaultValue, ConfigValues::size, doc);
    }

    /**
     * Keys named by a prefix ending in {@code .} and a free name ({@code chain.local.parameter.<Name>}), read as text.
     */
    public static Setting<String> family(String prefix, String doc) {
        return of(prefix, null, (key, value) -> value, doc);
    }

    /**
     * The same key, whose value must pass {@code valid}, else "{@code <name> <requirement>, not <value>}" refuses the
     * start.
     */
    public Setting<T> require(Predicate<T> valid, String requirement) {
        return new Setting<>(name, defaultValue, localDefault, doc, parser, this.valid.and(valid), requirement, unset);
    }

    /** The same key with a default of its own in each mode (null: none); only {@code config} tells them apart. */
    public Setting<T> byMode(String local, String aws) {
        return new Setting<>(name, aws, local, doc, parser, valid, requirement, unset);
    }

    /** The key, or for a family its prefix ending in {@code .}. */
    public String name() {
        return name;
    }

    /**
     * The default as written in a properties file, in aws mode for a key that has one per mode; null: derived or none.
     */
    public String defaultValue() {
        return defaultValue;
    }

    /** The default in local mode (the same as {@link #defaultValue()} unless {@link #byMode} says otherwise). */
    public String localDefault() {
        return localDefault;
    }

    public boolean hasModeDefaults() {
        return !Objects.equals(defaultValue, localDefault);
    }

    public String doc() {
        return doc;
    }

    public boolean isFamily() {
        return name.endsWith(".");
    }

    /** The value of the key when neither set nor defaulted: null, or the empty list. */
    T unset() {
        return unset;
    }

    T parse(String value) {
        return parser.apply(name, value);
    }

    /** Why a parsed value is refused, or null. */
    String refusal(T value) {
        return value == null || valid.test(value) ? null : name + " " + requirement + ", not " + value;
    }

    @Override
    public String toString() {
        return name;
    }
}
