package io.sqsextended.chain.local;

/**
 * Failure drills on the embedded stack: its S3 or its SQS goes down alone and comes back on the same port, with its
 * data.
 */
public final class Outages {

    private Outages() {
    }

    public static void stopS3(LocalAws local) throws Exception {
        local.stopS3();
    }

    public static void startS3(LocalAws local) throws Exception {
        local.startS3();
    }

    public static void stopSqs(LocalAws local) throws Exception {
        local.stopSqs();
    }

    public static void startSqs(LocalAws local) throws Exception {
        local.startSqs();
    }
}
