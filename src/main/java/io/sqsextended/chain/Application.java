package io.sqsextended.chain;

import io.sqsextended.chain.config.StartRefusedException;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the chain: {@code java -jar sqs-extended-chain.jar} (local mode unless {@code chain.mode=aws}). */
public final class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        try {
            new Main(Application.class).run(args);
        } catch (Exception | Error e) {
            report(e);
            // servers started before the failure (the embedded stack) hold non-daemon threads: the JVM would never end
            System.exit(1);
        }
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
