/**
 * The one typed configuration, bound at start: {@link io.sqsextended.chain.config.SettingsBinder} reads every declared
 * key (the features' groups and {@link io.sqsextended.chain.config.ChainKeys}, {@link io.sqsextended.chain.config.AuthSettings})
 * into {@link io.sqsextended.chain.config.ChainConfig}; {@link io.sqsextended.chain.config.StartSettings},
 * {@link io.sqsextended.chain.config.EnvironmentKeys} and {@link io.sqsextended.chain.config.KnownKeys} take settings from
 * the environment and refuse unknown keys. The only package that knows the mode: {@link
 * io.sqsextended.chain.config.AwsClientsConfiguration} starts local mode's embedded stack and binds the AWS clients,
 * pointed at AWS or at it ({@link io.sqsextended.chain.config.StoppableReceives} ends the SQS client's long polls);
 * {@link io.sqsextended.chain.config.InjectionValues} and {@link io.sqsextended.chain.config.InjectionControl} are local
 * mode's injected latency and faults, and their change while running; {@link io.sqsextended.chain.config.FreePorts} and
 * {@link io.sqsextended.chain.config.BoundPorts} the servers' ports. How a key is declared is {@code config.setting}.
 */
package io.sqsextended.chain.config;
