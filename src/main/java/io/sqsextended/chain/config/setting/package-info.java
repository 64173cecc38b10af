/**
 * What a setting is and how one is read, knowing no key; features declare their keys with these, {@code config} binds
 * them.
 * <ul>
 * <li>{@code Setting} (one key's declaration: name, default, parser, one-line doc, check, default per mode);</li>
 * <li>{@code SettingsGroup} (a holder's declarations and the record they are read into);</li>
 * <li>{@code ConfigValues} (one parser per kind of value), {@code ConfigReader} (reads keys by their declaration,
 * collecting every error), {@code ConfigSource} (where values come from);</li>
 * <li>{@code ChainResources} (the bucket and queues: configured, or the template's Outputs);</li>
 * <li>{@code StartRefusedException} (a failed start, reported in one line).</li>
 * </ul>
 */
package io.sqsextended.chain.config.setting;
