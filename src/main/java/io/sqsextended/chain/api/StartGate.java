package io.sqsextended.chain.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;

/**
 * Answers {@code 503} problem+json until the app has started: the HTTP servers listen before the routes exist, and
 * Vert.x would answer HTML {@code 404 Resource not found} meanwhile (the management server: Camel's health check its
 * own DOWN). An authentication handler because platform-http installs those alone before it listens; it authenticates
 * nothing.
 */
public final class StartGate implements AuthenticationHandler {

    private volatile boolean open;

    /**
     * Puts a gate in front of every path of the server made with {@code server}, which must not listen yet; it opens
     * once {@code context} has fully started, after the startup listeners added before this one.
     */
    public static void install(CamelContext context, VertxPlatformHttpServerConfiguration server) throws Exception {
        StartGate gate = new StartGate();
        AuthenticationConfig config = server.getAuthenticationConfig();
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider> AuthenticationHandler
                    createAuthenticationHandler(T provider) {
                return gate;
            }
        });
        config.getEntries().add(entry);
        config.setEnabled(true);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                gate.open = true;
            }
        });
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
                .end(Buffer.buffer(ProblemJson.render(ProblemType.STARTING,
                        "The app is starting; try again in a moment", ctx.request().path())));
    }
}
