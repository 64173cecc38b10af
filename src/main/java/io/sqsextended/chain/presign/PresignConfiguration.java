package io.sqsextended.chain.presign;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.sqsextended.chain.config.AwsClients;
import io.sqsextended.chain.config.AwsSettings;
import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.function.Suppliers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Binds the beans of the presign API (routes/presign-api.camel.yaml) after checking its settings, and refuses to
 * start in aws mode without bearer tokens of its own.
 */
@Configuration
public class PresignConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PresignConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PresignSettings settings = PresignSettings.from(context);
        String mode = ChainProperties.get(context, "chain.mode").orElse("local");
        PresignMetrics metrics = new PresignMetrics();
        // local mode keeps objects in files: a key segment is a file name
        KeyPolicy keys = new KeyPolicy(settings.inputPrefix(), settings.downloadPrefixes(), Clock.systemUTC(),
                mode.equals("local") ? KeyPolicy.LOCAL_MAX_SEGMENT_BYTES : KeyPolicy.MAX_KEY_BYTES);
        UploadRules rules = new UploadRules(settings.allowedContentTypes(), settings.maxSize());
        // the S3 clients and, in local mode, the bucket name exist only once every configuration has run
        Supplier<S3Transfers> s3 = Suppliers.memorize(() -> transfers(context, settings));

        Registry registry = context.getRegistry();
        registry.bind("presignMetrics", metrics);
        // made with the routes, after every configuration: the foundation's own setting errors are reported first
        registry.bind("presignTokens", TokenAuthenticator.class, () -> tokens(context, mode));
        registry.bind("presignReplies", new ReplyWriter());
        registry.bind("presignProblems", new ProblemReplies(metrics));
        registry.bind("presignUploads", Uploads.class, () -> new Uploads(keys, rules, settings, s3.get(), metrics));
        registry.bind("presignDownloads", Downloads.class, () -> new Downloads(keys, s3.get(), metrics));
        registry.bind("presignLambda", LambdaPresign.class, () -> new LambdaPresign(keys, rules, s3.get(), metrics));

        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(ctx,
                        VertxPlatformHttpRouter.getRouterNameFromPort(ChainProperties.getInt(ctx, "camel.server.port", 8080)));
                if (router != null) {
                    ApiRouter.install(router);
                }
            }
        });
        LOG.info("Presign API: URLs live {}, uploads up to {} bytes (multipart above {}, parts of {}), downloads under {}",
                settings.ttl(), settings.maxSize(), settings.multipartThreshold(), settings.partSize(), settings.downloadPrefixes());
    }

    static TokenAuthenticator tokens(CamelContext context, String mode) {
        String enabledValue = ChainProperties.get(context, "chain.auth.enabled").orElse("true");
        if (!enabledValue.equals("true") && !enabledValue.equals("false")) {
            throw new IllegalArgumentException("chain.auth.enabled must be true or false, not " + enabledValue);
        }
        boolean enabled = Boolean.parseBoolean(enabledValue);
        Map<Role, String> lists = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String key = "chain.auth." + role.key() + "-tokens";
            String list = ChainProperties.get(context, key).orElse("");
            if (enabled && mode.equals("aws") && Arrays.stream(list.split(",")).map(String::trim)
                    .anyMatch(TokenAuthenticator.DEVELOPMENT_TOKENS::contains)) {
                throw new IllegalStateException(key + " holds a development token of local mode; aws mode needs tokens of its own");
            }
            lists.put(role, list);
        }
        TokenAuthenticator tokens = TokenAuthenticator.of(enabled, lists);
        if (!enabled) {
            LOG.warn("chain.auth.enabled=false: the presign API signs URLs for anyone who can reach it");
        } else if (mode.equals("aws") && !tokens.hasTokens()) {
            throw new IllegalStateException("aws mode needs bearer tokens: set chain.auth.producer-tokens, chain.auth.consumer-tokens "
                    + "or chain.auth.admin-tokens (sha256:<hex> entries keep them out of the configuration), or chain.auth.enabled=false");
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
                ChainProperties.require(context, "chain.bucket"),
                new SigningCredentials(AwsClients.credentials(aws), settings.ttl(), Clock.systemUTC()));
    }
}
