package io.sqsextended.chain.net;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Ports for "any free port" come from outside the range the kernel gives outgoing connections. */
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
}
