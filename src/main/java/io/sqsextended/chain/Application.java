package io.sqsextended.chain;

import java.util.List;

import io.sqsextended.chain.cli.Cli;
import io.sqsextended.chain.config.AwsClientsConfiguration;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.config.setting.StartRefusedException;
import io.sqsextended.chain.config.StartSettings;
import io.sqsextended.chain.consumer.ConsumerConfiguration;
import io.sqsextended.chain.consumer.ConsumerErrorHandling;
import io.sqsextended.chain.consumer.ConsumerRoutes;
import io.sqsextended.chain.consumer.ConsumerSettings;
import io.sqsextended.chain.consumer.UserRoutes;
import io.sqsextended.chain.consumer.events.TrustSettings;
import io.sqsextended.chain.management.ManagementConfiguration;
import io.sqsextended.chain.plugins.PluginClassLoader;
import io.sqsextended.chain.plugins.PluginSettings;
import io.sqsextended.chain.presign.PresignConfiguration;
import io.sqsextended.chain.presign.PresignRoutes;
import io.sqsextended.chain.presign.PresignSettings;
import io.sqsextended.chain.producer.ProducerConfiguration;
import io.sqsextended.chain.producer.ProducerSettings;
import io.sqsextended.chain.producer.PublishRoutes;
import io.sqsextended.chain.tracing.Tracing;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chain: {@code java -jar sqs-extended-chain.jar} (local mode unless {@code chain.mode=aws}); with a
 * command ({@code upload}, {@code download}) runs the command-line client instead, without Camel.
 */
public final class Application {

    /** The settings each feature declares, bound and checked by config with its own before anything else starts. */
    public static final List<SettingsGroup<?>> SETTINGS = List.of(PresignSettings.GROUP, ConsumerSettings.GROUP,
            TrustSettings.GROUP,
            ProducerSettings.GROUP, PluginSettings.GROUP);
    /** In this order: config first, the others read the ChainConfig and the clients it binds. */
    static final List<Class<? extends CamelConfiguration>> CONFIGURATIONS = List.of(AwsClientsConfiguration.class,
            ConsumerConfiguration.class, PresignConfiguration.class, ProducerConfiguration.class,
                    ManagementConfiguration.class);
    /** The route configuration first, then the routes that refer to it. */
    static final List<Class<?>> ROUTE_BUILDERS = List.of(ConsumerErrorHandling.class, ConsumerRoutes.class,
            UserRoutes.class,
            PresignRoutes.class, PublishRoutes.class);

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(Cli.run(args));
        }
        try {
            newMain().run(args);
        } catch (Exception | Error e) {
            report(e);
            // servers started before the failure (the embedded stack) hold non-daemon threads: the JVM would never end
            System.exit(1);
        }
    }

    /**
     * Camel Main with the app's classes named, not found by a scan of the base package: such a scan reads the whole
     * shaded jar (90 MB, every entry inflated), a second or two of each start.
     */
    static Main newMain() {
        Main main = new Main();
        // first: the environment's settings, checked with the others, before anyone reads one
        main.addMainListener(new StartSettings(SETTINGS));
        // before anything is configured: every class, beans included, may come from a plugin jar
        main.addMainListener(new PluginClassLoader());
        // before the routes are made: Camel's tracer is their route policy (nothing at all unless OTEL_* enable it)
        main.addMainListener(new Tracing());
        CONFIGURATIONS.forEach(main.configure()::addConfiguration);
        main.configure().addRoutesBuilder(ROUTE_BUILDERS.toArray(Class<?>[]::new));
        return main;
    }

    /** A refusal that says what to change is that one line; anything else keeps its stack trace. */
    private static void report(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartRefusedException refused) {
                LOG.error(refused.getMessage());
                return;
            }
        }
        LOG.error("Cannot start", failure);
    }
}
