/**
 * The one typed configuration: the declaration of a key ({@link io.sqsextended.chain.config.Setting}, declared by each
 * feature beside its code and handed over as a {@link io.sqsextended.chain.config.SettingsGroup}), one parser per kind
 * of value, the binding of every key at start ({@link io.sqsextended.chain.config.SettingsBinder} into
 * {@link io.sqsextended.chain.config.ChainConfig}), the check of unknown keys and variables, and the keys it reads itself
 * ({@link io.sqsextended.chain.config.ChainKeys}, {@link io.sqsextended.chain.config.AuthSettings}). The only package
 * that knows the mode: it starts the embedded stack of local mode and binds the AWS clients, pointed at AWS or at it.
 */
package io.sqsextended.chain.config;
