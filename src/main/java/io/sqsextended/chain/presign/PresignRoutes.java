package io.sqsextended.chain.presign;

import io.sqsextended.chain.api.Role;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes behind the rest verbs of routes/presign-api.camel.yaml, all of one shape: admit the bearer token, call
 * the bean of the operation, write its reply. Each is {@code direct:<route id>}, the {@code to} of its verb, so that
 * Camel inlines it into the verb's route; a failure anywhere is answered by {@code presign-api-errors}.
 */
public class PresignRoutes extends RouteBuilder {

    /** The YAML's route configuration: any failure answers application/problem+json. */
    private static final String ERRORS = "presign-api-errors";
    /** The role depends on the request's body: the bean checks it once the body is read. */
    private static final String ANY_ROLE = "authenticate";

    @Override
    public void configure() {
        endpoint("presign-create-upload", only(Role.PRODUCER), "presignUploads", "create");
        endpoint("presign-complete-upload", only(Role.PRODUCER), "presignUploads", "complete");
        endpoint("presign-resume-upload", only(Role.PRODUCER), "presignUploads", "resume");
        endpoint("presign-abort-upload", only(Role.PRODUCER), "presignUploads", "abort");
        endpoint("presign-describe-download", only(Role.CONSUMER), "presignDownloads", "describe");
        // the documented verb (one path segment) and its twin for keys with slashes
        endpoint("presign-redirect-download", only(Role.CONSUMER), "presignDownloads", "redirect");
        endpoint("presign-redirect-download-path", only(Role.CONSUMER), "presignDownloads", "redirect");
        endpoint("presign-lambda", ANY_ROLE, "presignLambda", "presign");
    }

    /** {@code admit}: the method of presignTokens that lets the request in. */
    private void endpoint(String routeId, String admit, String bean, String method) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ERRORS)
                .bean("presignTokens", admit)
                .bean(bean, method)
                .bean("presignReplies", "write");
    }

    private static String only(Role role) {
        return "authorize(${exchange}, '" + role.key() + "')";
    }
}
