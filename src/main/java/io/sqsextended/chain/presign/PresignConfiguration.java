package io.sqsextended.chain.presign;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.RestConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Binds the beans of the presign API (routes/presign-api.camel.yaml) and the API plumbing of {@code api} they share
 * with {@code producer}'s endpoint, from settings the configuration has checked (S3's limits, aws mode's own
 * tokens), and installs the router hooks of {@code api}.
 */
@Configuration
public class PresignConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PresignConfiguration.class);

    /** The API's counters, read by the management MBean. */
    public static final String METRICS = "presignMetrics";
    /** The bearer tokens: {@link TokenAuthenticator#admitting} is the first step of every API route. */
    public static final String TOKENS = "presignTokens";
    /** What writes an {@code HttpReply}: the last step of every API route and of its error handling. */
    public static final String REPLIES = "presignReplies";
    /** What turns a route's failure into its problem answer (routes/presign-api.camel.yaml). */
    public static final String PROBLEMS = "presignProblems";
    static final String UPLOADS = "presignUploads";
    static final String DOWNLOADS = "presignDownloads";
    static final String LAMBDA = "presignLambda";
    static final String KEY_POLICY = "presignKeyPolicy";
    static final String UPLOAD_RULES = "presignUploadRules";
    static final String S3 = "presignS3";

    // every bean is lazy: made when first looked up, once every configuration has run (the S3 clients and, in local
    // mode, the bucket exist only then; the foundation's own setting errors are reported before the tokens')

    @BindToRegistry(value = METRICS, lazy = true)
    public ApiMetrics metrics() {
        return new ApiMetrics();
    }

    /** The configuration checked the tokens against the mode (aws mode needs tokens of its own). */
    @BindToRegistry(value = TOKENS, lazy = true)
    public TokenAuthenticator tokens(CamelContext context) {
        return tokens(ChainConfig.of(context).auth());
    }

    @BindToRegistry(value = REPLIES, lazy = true)
    public ReplyWriter replies() {
        return new ReplyWriter();
    }

    @BindToRegistry(value = PROBLEMS, lazy = true)
    public ProblemReplies problems(ApiMetrics metrics) {
        return new ProblemReplies(metrics);
    }

    @BindToRegistry(value = KEY_POLICY, lazy = true)
    public KeyPolicy keyPolicy(CamelContext context) {
        ChainConfig config = ChainConfig.of(context);
        PresignSettings settings = config.get(PresignSettings.GROUP);
        return new KeyPolicy(settings.inputPrefix(), settings.downloadPrefixes(), Clock.systemUTC(),
                config.maxKeySegmentBytes());
    }

    @BindToRegistry(value = UPLOAD_RULES, lazy = true)
    public UploadRules uploadRules(CamelContext context) {
        PresignSettings settings = ChainConfig.of(context).get(PresignSettings.GROUP);
        return new UploadRules(settings.allowedContentTypes(), settings.maxSize());
    }

    @BindToRegistry(value = S3, lazy = true)
    public S3Presigning presigning(CamelContext context) {
        Registry registry = context.getRegistry();
        AwsSettings aws = registry.lookupByNameAndType("chainAwsSettings", AwsSettings.class);
        return new S3Presigning(registry.lookupByNameAndType("s3Client", S3Client.class),
                registry.lookupByNameAndType("s3Presigner", S3Presigner.class),
                ChainConfig.of(context).resources().bucket(),
                new SigningCredentials(AwsClients.credentials(aws),
                        ChainConfig.of(context).get(PresignSettings.GROUP).ttl(), Clock.systemUTC()));
    }

    @BindToRegistry(value = UPLOADS, lazy = true)
    public Uploads uploads(KeyPolicy keys, UploadRules rules, S3Presigning s3, ApiMetrics metrics,
                           CamelContext context) {
        return new Uploads(keys, rules, ChainConfig.of(context).get(PresignSettings.GROUP), s3, metrics);
    }

    @BindToRegistry(value = DOWNLOADS, lazy = true)
    public Downloads downloads(KeyPolicy keys, S3Presigning s3, ApiMetrics metrics) {
        return new Downloads(keys, s3, metrics);
    }

    @BindToRegistry(value = LAMBDA, lazy = true)
    public LambdaPresign lambda(KeyPolicy keys, UploadRules rules, S3Presigning s3, ApiMetrics metrics) {
        return new LambdaPresign(keys, rules, s3, metrics);
    }

    /** The OpenAPI document's servers and the router hooks of {@code api}; binds nothing. */
    @Override
    public void configure(CamelContext context) throws Exception {
        ChainConfig config = ChainConfig.of(context);
        PresignSettings settings = config.get(PresignSettings.GROUP);
        if (config.publicUrl() != null) {
            // the OpenAPI document's servers: scheme://host + base.path
            RestConfiguration rest = context.getRestConfiguration();
            Map<String, Object> document = rest.getApiProperties() != null ? rest.getApiProperties() : new HashMap<>();
            rest.setApiProperties(document);
            document.put("schemes", config.publicUrl().getScheme());
            document.put("host", config.publicUrl().getRawAuthority());
            document.put("base.path", config.publicUrl().getRawPath());
        }
        int apiPort = BoundPorts.configuredApiPort(context);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(ctx,
                        VertxPlatformHttpRouter.getRouterNameFromPort(apiPort));
                if (router != null) {
                    ApiRouter.install(router);
                    UploadPage.install(router);
                }
            }
        });
        // Camel Main made the server, not started yet: the gate is in place before it listens, opens after the router
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            if (server.getPort() == apiPort) {
                StartGate.install(context, server.getConfiguration());
            }
        }
        LOG.info("Presign API: URLs live {}, uploads up to {} bytes (multipart above {}, parts of {}), "
                + "downloads under {}", settings.ttl(), settings.maxSize(), settings.multipartThreshold(),
                settings.partSize(), settings.downloadPrefixes());
    }

    static TokenAuthenticator tokens(AuthSettings auth) {
        Map<Role, List<String>> lists = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            lists.put(role, auth.tokens(role.key()));
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
}
