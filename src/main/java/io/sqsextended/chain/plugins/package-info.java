/**
 * Jars the product does not bundle, added at start, so that Camel discovers their components, data formats,
 * languages and route builders as if they were bundled.
 * <ul>
 * <li>{@code PluginClassLoader} (the jars become the context's application class loader, before Camel configures
 * anything), {@code PluginJars};</li>
 * <li>{@code PluginDependencies} (Maven coordinates resolved into the folder);</li>
 * <li>{@code BundledArtifacts} (a bundled library at another version refuses the start);</li>
 * <li>{@code PluginSettings} ({@code chain.plugins.*}).</li>
 * </ul>
 */
package io.sqsextended.chain.plugins;
