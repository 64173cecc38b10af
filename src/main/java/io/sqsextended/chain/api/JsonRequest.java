package io.sqsextended.chain.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A request body read strictly: one JSON object, no duplicate or unknown members, no trailing content, each member
 * of the JSON type it is documented with (no coercion of {@code "12"} to 12). Every refusal names the member by
 * its JSON pointer and never echoes the caller's value.
 */
public final class JsonRequest {

    public static final int MAX_BYTES = 64 * 1024;
    /** For strings whose own rules bound them (keys: 1024 bytes of UTF-8, checked by the key policy of each endpoint). */
    public static final int ANY_LENGTH = MAX_BYTES;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode node;
    private final String path;

    private JsonRequest(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a body and refuses members other than {@code members}. */
    public static JsonRequest parse(byte[] body, Set<String> members) {
        if (body == null || body.length == 0) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request has no body; a JSON object is expected");
        }
        if (body.length > MAX_BYTES) {
            throw new Problem(ProblemType.REQUEST_TOO_LARGE, "The request body exceeds " + MAX_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (IOException e) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request body must be a JSON object");
        }
        return new JsonRequest(node, "").only(members);
    }

    public String requiredString(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> missing(name));
    }

    public Optional<String> optionalString(String name, int maxLength) {
        JsonNode value = member(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        if (value.textValue().length() > maxLength) {
            throw Problem.invalid(pointer(name) + " is longer than " + maxLength + " characters");
        }
        return Optional.of(value.textValue());
    }

    public long requiredLong(String name) {
        return optionalLong(name).orElseThrow(() -> missing(name));
    }

    public Optional<Long> optionalLong(String name) {
        JsonNode value = member(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(name, "an integer");
        }
        if (!value.canConvertToLong()) {
            throw Problem.invalid(pointer(name) + " is out of range");
        }
        return Optional.of(value.longValue());
    }

    /** A JSON object of string values, in document order. */
    public Map<String, String> optionalStringMap(String name, int maxEntries) {
        JsonNode value = member(name);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object of strings");
        }
        if (value.size() > maxEntries) {
            throw Problem.invalid(pointer(name) + " has more than " + maxEntries + " members");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw Problem.invalid(pointer(name) + " must map names to strings");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    /** A non-empty array of objects, each read strictly with {@code members}. */
    public List<JsonRequest> requiredObjects(String name, int maxItems, Set<String> members) {
        JsonNode value = member(name);
        if (value == null) {
            throw missing(name);
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array");
        }
        if (value.isEmpty() || value.size() > maxItems) {
            throw Problem.invalid(pointer(name) + " must have 1 to " + maxItems + " items");
        }
        List<JsonRequest> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = pointer(name) + "/" + i;
            if (!item.isObject()) {
                throw Problem.invalid(itemPath + " must be an object");
            }
            items.add(new JsonRequest(item, itemPath).only(members));
        }
        return items;
    }

    public String pointer(String name) {
        return path + "/" + name;
    }

    private JsonRequest only(Set<String> members) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw Problem.invalid("Unknown member " + quoted(path + "/" + name) + "; expected " + String.join(", ", members.stream().sorted().toList()));
            }
        }
        return this;
    }

    /** A member, or null when it is absent or JSON null (both mean "not given"). */
    private JsonNode member(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private Problem missing(String name) {
        return Problem.invalid(pointer(name) + " is required");
    }

    private Problem wrongType(String name, String expected) {
        return Problem.invalid(pointer(name) + " must be " + expected);
    }

    /** Unknown member names come from the caller: shorten them and keep them printable. */
    private static String quoted(String pointer) {
        String shown = pointer.length() > 64 ? pointer.substring(0, 64) + "..." : pointer;
        StringBuilder printable = new StringBuilder();
        shown.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return "'" + printable + "'";
    }
}
