package io.sqsextended.chain.config.setting;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The settings of one feature: the {@link Setting}s its holder class declares (its {@code public static final} fields)
 * and how they become its record. Features hand theirs up through {@code Application}, so that {@code config} binds
 * and checks keys of features it does not know.
 *
 * @param <T> the feature's record
 */
public final class SettingsGroup<T> {

    private final Class<?> holder;
    private final Function<ConfigReader, T> reader;

    private SettingsGroup(Class<?> holder, Function<ConfigReader, T> reader) {
        this.holder = holder;
        this.reader = reader;
    }

    /** The keys {@code holder} declares, read and checked into the feature's record by {@code reader}. */
    public static <T> SettingsGroup<T> of(Class<?> holder, Function<ConfigReader, T> reader) {
        return new SettingsGroup<>(holder, reader);
    }

    /** Keys that {@code config} reads itself. */
    public static SettingsGroup<Void> declaredIn(Class<?> holder) {
        return new SettingsGroup<>(holder, null);
    }

    /** The class that declares the keys. */
    public Class<?> holder() {
        return holder;
    }

    /** The keys, in the order the holder declares them (read when asked: the holder may declare its group first). */
    public List<Setting<?>> settings() {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
                        && field.getType() == Setting.class)
                .<Setting<?>>map(SettingsGroup::value).toList();
    }

    public T read(ConfigReader in) {
        return reader == null ? null : reader.apply(in);
    }

    private static Setting<?> value(Field field) {
        try {
            return (Setting<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the setting " + field, e);
        }
    }

    @Override
    public String toString() {
        return holder.getName();
    }
}
