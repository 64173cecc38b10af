package io.sqsextended.chain.api;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.config.AuthSettings;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens map to roles by their SHA-256 digest; what the Authorization header must look like. */
class TokenAuthenticatorTest {

    final TokenAuthenticator tokens = TokenAuthenticator.of(true, Map.of(
            Role.PRODUCER, List.of("p1", "p2"),
            Role.CONSUMER, List.of("sha256:" + HexFormat.of().formatHex(TokenAuthenticator.sha256("c1"))),
            Role.ADMIN, List.of("both", "p1")));

    @Test
    void aPlainTokenGrantsItsRole() {
        assertThat(rolesOf("Bearer p2")).containsExactly(Role.PRODUCER);
    }

    @Test
    void aTokenListedUnderTwoRolesGrantsBoth() {
        assertThat(rolesOf("Bearer p1")).containsExactlyInAnyOrder(Role.PRODUCER, Role.ADMIN);
    }

    @Test
    void aTokenConfiguredByDigestGrantsItsRole() {
        assertThat(rolesOf("Bearer c1")).containsExactly(Role.CONSUMER);
    }

    @Test
    void theSchemeIsCaseInsensitiveTheTokenIsNot() {
        assertThat(rolesOf("bearer p1")).isNotEmpty();
        assertThat(rolesOf("Bearer P1")).isEmpty();
    }

    @Test
    void headersThatAreNoBearerTokenGrantNothing() {
        assertThat(rolesOf("p1")).isEmpty();
        assertThat(rolesOf("Basic cDE6")).isEmpty();
        assertThat(rolesOf("Bearer p1 p2")).isEmpty();
        assertThat(rolesOf("Bearer ")).isEmpty();
        assertThat(rolesOf("Bearer " + "p".repeat(5000))).isEmpty();
    }

    @Test
    void aMalformedDigestEntryIsAConfigurationError() {
        assertThatThrownBy(() -> TokenAuthenticator.of(true, Map.of(Role.ADMIN, List.of("sha256:abc"))))
                .hasMessageContaining(AuthSettings.ADMIN_TOKENS.name()).hasMessageContaining("64 hex digits");
    }

    @Test
    void authenticationRemovesTheAuthorizationHeader() {
        Exchange exchange = exchange("Bearer p1");

        tokens.authorize(exchange, Role.PRODUCER);

        assertThat(exchange.getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void anAdminSatisfiesEveryRole() {
        Exchange exchange = exchange("Bearer both");
        tokens.authenticate(exchange);

        assertThat(TokenAuthenticator.require(exchange, Role.CONSUMER)).isEqualTo(Role.ADMIN);
    }

    @Test
    void withAuthDisabledEveryRequestIsAdmin() {
        Exchange exchange = exchange(null);
        TokenAuthenticator.of(false, Map.of()).authenticate(exchange);

        assertThat(TokenAuthenticator.require(exchange, Role.PRODUCER)).isEqualTo(Role.ADMIN);
    }

    @Test
    void aRepeatedAuthorizationHeaderIsUnauthorized() {
        Exchange exchange = exchange(null);
        exchange.getMessage().setHeader("Authorization", List.of("Bearer p1", "Bearer p2"));

        assertThatThrownBy(() -> tokens.authenticate(exchange)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.type()).isEqualTo(ProblemType.UNAUTHORIZED));
    }

    private static Exchange exchange(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }

    /** The roles a request with this Authorization header is granted; none when it is refused. */
    @SuppressWarnings("unchecked")
    private Set<Role> rolesOf(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("Authorization", authorization);
        try {
            tokens.authenticate(exchange);
        } catch (Problem refused) {
            return Set.of();
        }
        return (Set<Role>) exchange.getProperty(TokenAuthenticator.ROLES_PROPERTY, Set.class);
    }
}
