package io.sqsextended.chain.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ports for "any free port" come from outside the range the kernel gives outgoing connections; a configured port is
 * free when it can be bound now.
 */
class PortsTest {

    @Test
    void portsSetToZeroAreFreeDistinctAndBelowTheEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "no Linux ephemeral port range to compare with");
        int ephemeralStart = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);

        int[] ports = Ports.pick(0, 0, 0);

        assertThat(ports).doesNotHaveDuplicates();
        for (int port : ports) {
            assertThat(port).as("port %d", port).isGreaterThanOrEqualTo(10_000).isLessThan(ephemeralStart);
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void configuredPortsAreKept() throws Exception {
        assertThat(Ports.pick(9000, 0, 9324)).startsWith(9000).endsWith(9324);
    }

    @Test
    void aPortPickedForZeroIsNeverOneOfTheConfiguredPorts() throws Exception {
        int configured;
        try (ServerSocket free = new ServerSocket(0)) {
            configured = free.getLocalPort();
        }

        // a range of one port, the configured one: a pick taking it would lose the bind to the configured server
        int[] ports = Ports.pickBetween(configured, configured + 1, configured, 0);

        assertThat(ports[0]).isEqualTo(configured);
        assertThat(ports[1]).isNotEqualTo(configured).isPositive();
    }

    @Test
    void aPortAnotherSocketListensOnIsNotFree() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));

            assertThatThrownBy(() -> Ports.requireFree("127.0.0.1", holder.getLocalPort()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPortReleasedAgainIsFree() throws Exception {
        int port;
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            port = holder.getLocalPort();
        }

        assertThatCode(() -> Ports.requireFree("127.0.0.1", port)).doesNotThrowAnyException();
    }
}
