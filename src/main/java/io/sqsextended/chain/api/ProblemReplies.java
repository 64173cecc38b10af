package io.sqsextended.chain.api;

import io.sqsextended.chain.api.ApiMetrics;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the exception that ended a presign route into its problem answer: a {@link Problem} as it says, anything
 * else as a 500 whose body names the exchange for the log but shows no internals. Counts every refusal.
 */
public final class ProblemReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemReplies.class);

    private final ApiMetrics metrics;

    public ProblemReplies(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    public HttpReply toReply(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String instance = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        Problem problem = problemIn(failure);
        if (problem != null) {
            LOG.debug("Refused {} {}: {} {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD), instance,
                    problem.type().status(), problem.detail());
        } else {
            LOG.error("Failed {} {} (exchange {})", exchange.getMessage().getHeader(Exchange.HTTP_METHOD), instance,
                    exchange.getExchangeId(), failure);
            problem = new Problem(ProblemType.INTERNAL_ERROR, "Unexpected failure; the server log has exchange "
                    + exchange.getExchangeId());
        }
        metrics.rejected(problem.type().status());
        return HttpReply.problem(problem, instance);
    }

    /** Camel may wrap what a bean threw. */
    private static Problem problemIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Problem problem) {
                return problem;
            }
        }
        return null;
    }
}
