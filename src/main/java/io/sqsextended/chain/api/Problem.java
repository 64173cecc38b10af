package io.sqsextended.chain.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with an RFC 9457 problem body. Thrown by validation and mapped to the answer by the routes'
 * error handler; carries no stack trace (it is an expected outcome, not a fault).
 */
public final class Problem extends RuntimeException {

    private final ProblemType type;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Problem(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** Response headers that belong to this refusal, e.g. {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public Problem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static Problem invalid(String detail) {
        return new Problem(ProblemType.INVALID_REQUEST, detail);
    }
}
