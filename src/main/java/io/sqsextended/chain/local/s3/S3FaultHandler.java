package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.sqsextended.chain.local.faults.FaultInjection;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Outermost handler of the embedded S3: each request waits the injected latency (a timer of Jetty's, holding no
 * thread: the request is suspended, then dispatched again), then is answered with an injected fault or handled.
 */
final class S3FaultHandler extends HandlerWrapper {

    /** Set on a request once it waited: its second dispatch goes on. */
    private static final String DELAYED = S3FaultHandler.class.getName() + ".delayed";

    private final FaultInjection injection;

    private S3FaultHandler(FaultInjection injection) {
        this.injection = injection;
    }

    /** In front of every other handler of {@code proxy}: insert it last, before it starts. */
    static void install(S3Proxy proxy, FaultInjection injection) {
        ProxyHandlers.insert(proxy, new S3FaultHandler(injection));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getAttribute(DELAYED) == null) {
            long delay = injection.delayNanos();
            if (delay > 0) {
                request.setAttribute(DELAYED, Boolean.TRUE);
                AsyncContext suspended = request.startAsync();
                suspended.setTimeout(0);
                baseRequest.getHttpChannel().getConnector().getScheduler()
                        .schedule(suspended::dispatch, delay, TimeUnit.NANOSECONDS);
                return;
            }
        }
        int fault = injection.faultStatus();
        if (fault == 503) {
            S3ErrorResponse.send(baseRequest, response, 503, "SlowDown", "Please reduce your request rate.");
        } else if (fault != 0) {
            S3ErrorResponse.send(baseRequest, response, fault, "InternalError",
                    "We encountered an internal error. Please try again.");
        } else {
            super.handle(target, baseRequest, request, response);
        }
    }
}
