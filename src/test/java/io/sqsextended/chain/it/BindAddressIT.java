package io.sqsextended.chain.it;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Local mode's API and management server listen where its embedded stack does (127.0.0.1 by default): its tokens are
 * public development values. 127.0.0.2, another loopback address on Linux, reaches only servers bound to all addresses.
 */
class BindAddressIT {

    private static final String OTHER_LOOPBACK = "127.0.0.2";
    private static final Duration STARTED = Duration.ofSeconds(90);
    @TempDir
    static Path home;
    private static RunningJar jar;

    @BeforeAll
    static void startInLocalMode() throws IOException {
        assumeTrue(reachesWildcardServers(), OTHER_LOOPBACK + " does not reach a server bound to all addresses here");
        jar = RunningJar.start(home.resolve("default"), "-Dchain.local.data-dir=" + home.resolve("default/data"));
        jar.awaitOutput("Bound ports:", STARTED);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void localModesApiListensOnTheLoopbackAddressOnly() {
        assertThat(connects("127.0.0.1", jar.api())).isTrue();
        assertThatThrownBy(() -> connect(OTHER_LOOPBACK, jar.api())).isInstanceOf(ConnectException.class);
    }

    @Test
    void localModesManagementServerListensOnTheLoopbackAddressOnly() {
        assertThat(connects("127.0.0.1", jar.management())).isTrue();
        assertThatThrownBy(() -> connect(OTHER_LOOPBACK, jar.management())).isInstanceOf(ConnectException.class);
    }

    @Test
    void camelServerHostOfAllAddressesIsHonouredInLocalMode() throws Exception {
        try (RunningJar everywhere = RunningJar.start(home.resolve("all"), "-Dchain.local.data-dir="
                + home.resolve("all/data"),
                "-Dcamel.server.host=0.0.0.0")) {
            everywhere.awaitOutput("Bound ports:", STARTED);

            assertThat(connects(OTHER_LOOPBACK, everywhere.api())).isTrue();
            assertThatThrownBy(() -> connect(OTHER_LOOPBACK, everywhere.management()))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static boolean connects(String host, URI server) {
        try {
            connect(host, server);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void connect(String host, URI server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, server.getPort()), 2_000);
        }
    }

    private static boolean reachesWildcardServers() throws IOException {
        try (ServerSocket wildcard = new ServerSocket(0)) {
            return connects(OTHER_LOOPBACK, URI.create("http://0.0.0.0:" + wildcard.getLocalPort()));
        }
    }
}
