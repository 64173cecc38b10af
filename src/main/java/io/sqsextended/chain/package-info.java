/**
 * The application: {@code Application}, Camel Main with the {@code @Configuration} classes and route builders of the
 * packages below named in it (no classpath scan), its features' settings groups ({@code Application.SETTINGS}) and the
 * YAML routes; with {@code upload} or {@code download} as first argument it runs the client ({@code cli}) instead.
 * Features ({@code presign}, {@code producer}, {@code consumer}, {@code management}, {@code plugins}) stand on the
 * foundation ({@code api}, {@code config}, {@code tracing}, {@code wire}, {@code net}); only {@code config} knows the
 * mode and starts {@code local}. {@code ArchitectureTest} enforces the direction; docs/architecture.md draws it.
 */
package io.sqsextended.chain;
