package io.sqsextended.chain;

import org.apache.camel.main.Main;

/** Starts the chain: {@code java -jar sqs-extended-chain.jar} (local mode unless {@code chain.mode=aws}). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        new Main(Application.class).run(args);
    }
}
