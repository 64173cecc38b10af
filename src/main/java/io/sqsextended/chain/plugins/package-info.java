/**
 * Jars the product does not bundle, added at start: a folder of them ({@code chain.plugins.dir}) and Maven coordinates
 * resolved into it ({@code chain.plugins.dependencies}), on the context's application class loader so that Camel
 * discovers their components, data formats, languages and route builders as if they were bundled.
 */
package io.sqsextended.chain.plugins;
