package io.sqsextended.chain.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * docker/Dockerfile built once per test JVM, on the base images
 * docker/base-images.sh provides (it starts the engine where it can), its build stage's Maven reading the test build's
 * own repository ({@link MavenMirror}). Where that script fails, the docker tests are skipped with its one line; a
 * failing build fails them.
 */
final class ImageUnderTest {

    static final String TAG = "sqs-extended-chain:test";

    private static String skipped;
    private static boolean built;
    private static String motoSkipped;
    private static boolean motoMade;

    private ImageUnderTest() {
    }

    /** The image's tag, built on first use; aborts the calling test (skipped) where no Docker engine can run. */
    static synchronized String tag() {
        if (skipped == null && !built) {
            build();
        }
        Assumptions.assumeTrue(skipped == null, () -> skipped);
        return TAG;
    }

    /**
     * The moto image of docker/compose.moto.yaml (docker/base-images.sh
     * moto: this machine's moto on a Debian base), made once; aborts the calling test (skipped) with the script's one
     * line where it cannot be made, e.g. no moto installed.
     */
    static synchronized void makeMotoImage() {
        if (motoSkipped == null && !motoMade) {
            DockerCli.Result made = DockerCli.run(List.of("bash", "docker/base-images.sh", "moto"), 900);
            motoMade = made.exitCode() == 0;
            motoSkipped = motoMade ? null : "moto compose test skipped: " + lastLine(made);
            if (!motoMade) {
                System.out.println(motoSkipped);
            }
        }
        Assumptions.assumeTrue(motoMade, () -> motoSkipped);
    }

    private static String lastLine(DockerCli.Result result) {
        return result.output().strip().lines().reduce((first, last) -> last).orElse("no output");
    }

    private static void build() {
        DockerCli.Result bases = DockerCli.run(List.of("bash", "docker/base-images.sh"), 900);
        if (bases.exitCode() != 0) {
            skipped = "Docker tests skipped: " + lastLine(bases);
            System.out.println(skipped);
            return;
        }
        long started = System.nanoTime();
        try (MavenMirror mirror = MavenMirror.ofLocalRepository()) {
            // the host's network, so that the build stage reaches the mirror on loopback
            List<String> command = new ArrayList<>(
                    List.of("docker", "build", "-q", "--network", "host", "-f", "docker/Dockerfile", "-t", TAG,
                    "--build-arg", "MAVEN_MIRROR=" + mirror.url()));
            command.addAll(Arrays.asList(lastLine(bases).split(" ")));
            command.add(".");
            DockerCli.run(command, 1800).orFail(command);
        }
        built = true;
        System.out.println("docker build of " + TAG + ": " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s");
    }
}
