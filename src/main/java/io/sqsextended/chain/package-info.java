/**
 * The application: Camel Main with the {@code @Configuration} classes and route builders of the packages below, named
 * in {@code Application} (no classpath scan), and the YAML routes. Package by package, features ({@code presign}, {@code producer},
 * {@code consumer}, {@code management}) stand on the foundation ({@code api}, {@code config}, {@code wire}); only
 * {@code config} knows the mode and starts {@code local}. {@code ArchitectureTest} enforces the direction.
 */
package io.sqsextended.chain;
