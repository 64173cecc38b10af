/**
 * The one typed configuration, bound at start, and the start of the AWS side: the only package that knows the mode.
 * <ul>
 * <li>{@code SettingsBinder} (reads every declared key into {@code ChainConfig}), {@code ChainConfig};</li>
 * <li>{@code ChainKeys} (the keys {@code config} reads itself), {@code AuthSettings} ({@code chain.auth.*});</li>
 * <li>{@code StartSettings} (the first Camel Main listener), {@code EnvironmentKeys} (settings from the environment),
 * {@code KnownKeys} (unknown keys refused);</li>
 * <li>{@code AwsClientsConfiguration} (starts local mode, binds the AWS clients), {@code StoppableReceives} (ends the
 * SQS client's long polls at stop);</li>
 * <li>{@code InjectionValues}, {@code InjectionControl} (local mode's injected latency and faults, changed while
 * running);</li>
 * <li>{@code FreePorts} (a busy port refuses the start), {@code BoundPorts} (the {@code Bound ports:} line).</li>
 * </ul>
 * How a key is declared and read is {@code config.setting}.
 */
package io.sqsextended.chain.config;
