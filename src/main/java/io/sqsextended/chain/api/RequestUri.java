package io.sqsextended.chain.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.apache.camel.Exchange;

/**
 * Reads path tails and query parameters from the raw request URI, decoded here rather than taken from message
 * headers (where an HTTP header of the same name could stand in for them). Invalid escapes or UTF-8 are refused.
 */
public final class RequestUri {

    private RequestUri() {
    }

    /** The decoded rest of the path after {@code marker}, e.g. the key in {@code /v1/downloads/input/a%20b}. */
    public static String pathAfter(Exchange exchange, String marker) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
        int at = path.indexOf(marker);
        if (at < 0) {
            throw Problem.invalid("The path has nothing after " + marker);
        }
        return decode(path.substring(at + marker.length()), false);
    }

    /** The one value of query parameter {@code name}; a {@code 400} problem when it is missing or repeated. */
    public static String queryParameter(Exchange exchange, String name) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, "", String.class);
        String found = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String pairName = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (pairName.equals(name)) {
                if (found != null) {
                    throw Problem.invalid("Query parameter " + name + " is given more than once");
                }
                found = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            }
        }
        if (found == null || found.isEmpty()) {
            throw Problem.invalid("Query parameter " + name + " is required");
        }
        return found;
    }

    /** Percent-decoding to UTF-8; {@code +} is a space only in query strings. */
    static String decode(String raw, boolean query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    throw Problem.invalid("The request URI has an invalid percent-escape");
                }
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 3;
            } else if (c == '+' && query) {
                bytes.write(' ');
                i++;
            } else {
                int end = i + 1;
                while (end < raw.length() && raw.charAt(end) != '%' && !(query && raw.charAt(end) == '+')) {
                    end++;
                }
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Problem.invalid("The request URI does not decode to UTF-8");
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
