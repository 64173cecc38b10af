/**
 * The application: Camel Main, which scans the packages below for their {@code @Configuration} classes and route
 * builders and loads the YAML routes. Package by package, features ({@code presign}, {@code producer},
 * {@code consumer}, {@code management}) stand on the foundation ({@code api}, {@code config}, {@code wire}); only
 * {@code config} knows the mode and starts {@code local}. {@code ArchitectureTest} enforces the direction.
 */
package io.sqsextended.chain;
