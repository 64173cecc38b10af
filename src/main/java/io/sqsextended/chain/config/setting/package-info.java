/**
 * What a setting is and how one is read, knowing no key: {@link io.sqsextended.chain.config.setting.Setting} (one
 * key's declaration: name, default, parser, one-line doc, check), {@link io.sqsextended.chain.config.setting.SettingsGroup}
 * (a feature's declarations and the record they are read into), {@link io.sqsextended.chain.config.setting.ConfigValues}
 * (one parser per kind of value), {@link io.sqsextended.chain.config.setting.ConfigReader} (reads keys by their
 * declaration, collecting every error), {@link io.sqsextended.chain.config.setting.ConfigSource} (where values come
 * from), {@link io.sqsextended.chain.config.setting.ChainResources} (the bucket and queues a reading may default to),
 * {@link io.sqsextended.chain.config.setting.StartRefusedException} (a failed start, one line). Features declare their
 * keys with these; {@code config} binds them.
 */
package io.sqsextended.chain.config.setting;
