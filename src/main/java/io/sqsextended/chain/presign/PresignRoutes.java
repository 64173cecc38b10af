package io.sqsextended.chain.presign;

import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.TokenAuthenticator;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import static io.sqsextended.chain.presign.PresignConfiguration.DOWNLOADS;
import static io.sqsextended.chain.presign.PresignConfiguration.LAMBDA;
import static io.sqsextended.chain.presign.PresignConfiguration.REPLIES;
import static io.sqsextended.chain.presign.PresignConfiguration.TOKENS;
import static io.sqsextended.chain.presign.PresignConfiguration.UPLOADS;

/**
 * The routes behind the rest verbs of routes/presign-api.camel.yaml, all of one shape: admit the bearer token, call
 * the bean of the operation, write its reply. Each is {@code direct:<route id>}, the {@code to} of its verb, so that
 * Camel inlines it into the verb's route; a failure anywhere is answered by {@link #ERRORS}.
 */
public class PresignRoutes extends RouteBuilder {

    /** The YAML's route configuration: any failure answers application/problem+json. */
    public static final String ERRORS = "presign-api-errors";

    @Override
    public void configure() {
        TokenAuthenticator tokens = getContext().getRegistry().lookupByNameAndType(TOKENS, TokenAuthenticator.class);
        endpoint("presign-create-upload", tokens.admitting(Role.PRODUCER), UPLOADS, "create");
        endpoint("presign-complete-upload", tokens.admitting(Role.PRODUCER), UPLOADS, "complete");
        endpoint("presign-resume-upload", tokens.admitting(Role.PRODUCER), UPLOADS, "resume");
        endpoint("presign-abort-upload", tokens.admitting(Role.PRODUCER), UPLOADS, "abort");
        endpoint("presign-describe-download", tokens.admitting(Role.CONSUMER), DOWNLOADS, "describe");
        // the documented verb (one path segment) and its twin for keys with slashes
        endpoint("presign-redirect-download", tokens.admitting(Role.CONSUMER), DOWNLOADS, "redirect");
        endpoint("presign-redirect-download-path", tokens.admitting(Role.CONSUMER), DOWNLOADS, "redirect");
        // the role depends on the request's body: the bean checks it once the body is read
        endpoint("presign-lambda", tokens.admittingAnyRole(), LAMBDA, "presign");
    }

    private void endpoint(String routeId, Processor admit, String bean, String method) {
        from("direct:" + routeId).routeId(routeId).routeConfigurationId(ERRORS)
                .process(admit)
                .bean(bean, method)
                .bean(REPLIES, "write");
    }
}
