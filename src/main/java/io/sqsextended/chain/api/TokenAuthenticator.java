package io.sqsextended.chain.api;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sqsextended.chain.config.AuthSettings;
import io.sqsextended.chain.wire.Sha256;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Bearer-token authorization with a role per token ({@code chain.auth.<role>-tokens}). Tokens are kept only as
 * SHA-256 digests and compared with {@link MessageDigest#isEqual} against every entry, so the time taken does not
 * tell how much of a guess was right.
 */
public final class TokenAuthenticator {

    /** Exchange property holding the {@link Role}s of the request's token. */
    static final String ROLES_PROPERTY = "presignRoles";

    private static final String SHA256_PREFIX = "sha256:";
    private static final String REALM = "Bearer realm=\"sqs-extended-chain\"";
    // RFC 6750 b64token
    private static final Pattern BEARER = Pattern.compile("(?i)Bearer +([A-Za-z0-9\\-._~+/]+=*)");
    private static final int MAX_HEADER = 4096;

    private record Grant(byte[] digest, Role role) {
    }

    private final boolean enabled;
    private final List<Grant> grants;

    private TokenAuthenticator(boolean enabled, List<Grant> grants) {
        this.enabled = enabled;
        this.grants = grants;
    }

    /**
     * @param tokens token lists by role; entries are plain tokens or {@code sha256:<64 hex digits>}
     */
    public static TokenAuthenticator of(boolean enabled, Map<Role, List<String>> tokens) {
        List<Grant> grants = new ArrayList<>();
        tokens.forEach((role, list) -> {
            for (String entry : list) {
                String token = entry.trim();
                if (!token.isEmpty()) {
                    grants.add(new Grant(digestOf(role, token), role));
                }
            }
        });
        return new TokenAuthenticator(enabled, List.copyOf(grants));
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean hasTokens() {
        return !grants.isEmpty();
    }

    public long tokenCount(Role role) {
        return grants.stream().filter(g -> g.role() == role).count();
    }

    /**
     * Lets the request through when its bearer token grants {@code required} (or admin).
     *
     * @throws Problem 401 when the token is missing or unknown, 403 when its roles do not include {@code required}
     */
    public void authorize(Exchange exchange, Role required) {
        authenticate(exchange);
        require(exchange, required);
    }

    /** The route step that admits a request whose token grants {@code required} (or admin). */
    public Processor admitting(Role required) {
        return exchange -> authorize(exchange, required);
    }

    /** The route step that admits any known token, for an operation that checks the role once it has read the body. */
    public Processor admittingAnyRole() {
        return this::authenticate;
    }

    /**
     * Lets the request through when it carries a known bearer token, remembers its roles and {@link UploadOwner}, and
     * drops the {@code Authorization} header so that nothing downstream can echo or log it.
     *
     * @throws Problem 401 when the token is missing or unknown
     */
    public void authenticate(Exchange exchange) {
        Object header = exchange.getMessage().removeHeader("Authorization");
        if (!enabled) {
            exchange.setProperty(ROLES_PROPERTY, EnumSet.of(Role.ADMIN));
            exchange.setProperty(UploadOwner.PROPERTY, UploadOwner.ANONYMOUS);
            return;
        }
        if (header == null) {
            throw new Problem(ProblemType.UNAUTHORIZED, "This endpoint needs an Authorization: Bearer <token> header")
                    .withHeader("WWW-Authenticate", REALM);
        }
        byte[] digest = header instanceof String value ? presentedDigest(value) : null;
        Set<Role> roles = digest == null ? EnumSet.noneOf(Role.class) : rolesOf(digest);
        if (roles.isEmpty()) {
            throw new Problem(ProblemType.UNAUTHORIZED, "The bearer token is malformed or not valid")
                    .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
        }
        exchange.setProperty(ROLES_PROPERTY, roles);
        exchange.setProperty(UploadOwner.PROPERTY, UploadOwner.of(digest));
    }

    /** Whether the authenticated request's token has {@code role} itself (admin does not stand in). */
    public static boolean has(Exchange exchange, Role role) {
        Set<?> roles = exchange.getProperty(ROLES_PROPERTY, Set.class);
        return roles != null && roles.contains(role);
    }

    /**
     * The role that lets an authenticated request do an operation that needs {@code required}.
     *
     * @throws Problem 403 when the request's roles include neither {@code required} nor admin
     */
    public static Role require(Exchange exchange, Role required) {
        @SuppressWarnings("unchecked")
        Set<Role> roles = exchange.getProperty(ROLES_PROPERTY, Set.class);
        if (roles != null && roles.contains(required)) {
            return required;
        }
        if (roles != null && roles.contains(Role.ADMIN)) {
            return Role.ADMIN;
        }
        throw new Problem(ProblemType.FORBIDDEN, "This operation needs the " + required.key() + " role")
                .withHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\"");
    }

    /** The SHA-256 of the bearer token of an {@code Authorization} header value; null when it is not a bearer token. */
    private static byte[] presentedDigest(String authorization) {
        if (authorization.length() > MAX_HEADER) {
            return null;
        }
        var matcher = BEARER.matcher(authorization.strip());
        return matcher.matches() ? sha256(matcher.group(1)) : null;
    }

    private Set<Role> rolesOf(byte[] presented) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        // every entry is compared, matched or not
        for (Grant grant : grants) {
            if (MessageDigest.isEqual(grant.digest(), presented)) {
                roles.add(grant.role());
            }
        }
        return roles;
    }

    private static byte[] digestOf(Role role, String entry) {
        if (!entry.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
            return sha256(entry);
        }
        String hex = entry.substring(SHA256_PREFIX.length());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(AuthSettings.key(role.key()) + ": a sha256: entry needs 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    public static byte[] sha256(String token) {
        return Sha256.of(token);
    }
}
