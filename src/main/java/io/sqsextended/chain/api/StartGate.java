package io.sqsextended.chain.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;

/**
 * Answers {@code 503} problem+json until the app has started: the HTTP server listens before the routes exist, and
 * Vert.x would answer HTML {@code 404 Resource not found} meanwhile. An authentication handler because platform-http
 * installs those alone before it listens; it authenticates nothing.
 */
public final class StartGate implements AuthenticationHandler {

    private volatile boolean open;

    /** Puts the gate in front of every path of {@code server}, which must not have started yet. */
    public static StartGate install(MainHttpServer server) {
        StartGate gate = new StartGate();
        AuthenticationConfig config = server.getConfiguration().getAuthenticationConfig();
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return gate;
            }
        });
        config.getEntries().add(entry);
        config.setEnabled(true);
        return gate;
    }

    /** From now on every request goes to the routes. */
    public void open() {
        open = true;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (open) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(ProblemType.STARTING.status())
                .putHeader("Content-Type", ProblemJson.MEDIA_TYPE)
                .putHeader("Retry-After", "1")
                .end(Buffer.buffer(ProblemJson.render(ProblemType.STARTING, "The app is starting; try again in a moment", ctx.request().path())));
    }
}
