package io.sqsextended.chain.presign;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.sqsextended.chain.api.ApiMetrics;
import io.sqsextended.chain.api.ApiRouter;
import io.sqsextended.chain.api.ProblemReplies;
import io.sqsextended.chain.api.ReplyWriter;
import io.sqsextended.chain.api.Role;
import io.sqsextended.chain.api.StartGate;
import io.sqsextended.chain.api.TokenAuthenticator;
import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.config.BoundPorts;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.util.function.Suppliers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Binds the beans of the presign API (routes/presign-api.camel.yaml), from settings the configuration has checked
 * (S3's limits, aws mode's own tokens), and installs the router hooks of {@code api}.
 */
@Configuration
public class PresignConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PresignConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ChainConfig config = ChainConfig.of(context);
        PresignSettings settings = config.get(PresignSettings.GROUP);
        ApiMetrics metrics = new ApiMetrics();
        KeyPolicy keys = new KeyPolicy(settings.inputPrefix(), settings.downloadPrefixes(), Clock.systemUTC(), config.maxKeySegmentBytes());
        UploadRules rules = new UploadRules(settings.allowedContentTypes(), settings.maxSize());
        // the S3 clients and, in local mode, the bucket name exist only once every configuration has run
        Supplier<S3Transfers> s3 = Suppliers.memorize(() -> transfers(context, settings));

        if (config.publicUrl() != null) {
            // the OpenAPI document's servers: scheme://host + base.path
            RestConfiguration rest = context.getRestConfiguration();
            Map<String, Object> document = rest.getApiProperties() != null ? rest.getApiProperties() : new HashMap<>();
            rest.setApiProperties(document);
            document.put("schemes", config.publicUrl().getScheme());
            document.put("host", config.publicUrl().getRawAuthority());
            document.put("base.path", config.publicUrl().getRawPath());
        }
        Registry registry = context.getRegistry();
        registry.bind("presignMetrics", metrics);
        // made with the routes, after every configuration: the foundation's own setting errors are reported first
        registry.bind("presignTokens", TokenAuthenticator.class, () -> tokens(config.auth()));
        registry.bind("presignReplies", new ReplyWriter());
        registry.bind("presignProblems", new ProblemReplies(metrics));
        registry.bind("presignUploads", Uploads.class, () -> new Uploads(keys, rules, settings, s3.get(), metrics));
        registry.bind("presignDownloads", Downloads.class, () -> new Downloads(keys, s3.get(), metrics));
        registry.bind("presignLambda", LambdaPresign.class, () -> new LambdaPresign(keys, rules, s3.get(), metrics));

        int apiPort = BoundPorts.configuredApiPort(context);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(ctx, VertxPlatformHttpRouter.getRouterNameFromPort(apiPort));
                if (router != null) {
                    ApiRouter.install(router);
                    UploadPage.install(router);
                }
            }
        });
        // Camel Main made the server, not started yet: the gate is in place before it listens, and opens after the router above
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            if (server.getPort() == apiPort) {
                StartGate.install(context, server.getConfiguration());
            }
        }
        LOG.info("Presign API: URLs live {}, uploads up to {} bytes (multipart above {}, parts of {}), downloads under {}",
                settings.ttl(), settings.maxSize(), settings.multipartThreshold(), settings.partSize(), settings.downloadPrefixes());
    }

    /** The configuration checked the tokens against the mode (aws mode needs tokens of its own). */
    static TokenAuthenticator tokens(AuthSettings auth) {
        Map<Role, String> lists = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            lists.put(role, String.join(",", auth.tokens(role.key())));
        }
        TokenAuthenticator tokens = TokenAuthenticator.of(auth.enabled(), lists);
        if (!auth.enabled()) {
            LOG.warn("{}=false: the presign API signs URLs for anyone who can reach it", AuthSettings.ENABLED.name());
        } else {
            LOG.info("Presign API tokens: {} producer, {} consumer, {} admin", tokens.tokenCount(Role.PRODUCER),
                    tokens.tokenCount(Role.CONSUMER), tokens.tokenCount(Role.ADMIN));
        }
        return tokens;
    }

    private static S3Transfers transfers(CamelContext context, PresignSettings settings) {
        Registry registry = context.getRegistry();
        AwsSettings aws = registry.lookupByNameAndType("chainAwsSettings", AwsSettings.class);
        return new S3Transfers(registry.lookupByNameAndType("s3Client", S3Client.class),
                registry.lookupByNameAndType("s3Presigner", S3Presigner.class),
                ChainConfig.of(context).resources().bucket(),
                new SigningCredentials(AwsClients.credentials(aws), settings.ttl(), Clock.systemUTC()));
    }
}
