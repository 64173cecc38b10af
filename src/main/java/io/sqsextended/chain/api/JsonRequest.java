package io.sqsextended.chain.api;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A request body bound strictly into its record: one JSON object, no duplicate or unknown members, no trailing
 * content, each member of the JSON type its component has (no coercion of {@code "12"} to 12 nor of 12 to
 * {@code "12"}, no null for a number). A component is required when it is a primitive or marked {@link Required};
 * absent and JSON null both mean "not given". Every refusal names the member by its JSON pointer and never echoes
 * the caller's value.
 */
public final class JsonRequest {

    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // numbers and booleans are no strings either
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /** A component the request must give, not null: Jackson refuses its absence and its null. */
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonSetter(nulls = Nulls.FAIL)
    public @interface Required {
    }

    /** Thrown by a request record's constructor about one of its members; {@link #read} names it by its pointer. */
    public static final class InvalidMember extends RuntimeException {

        private final String member;

        private InvalidMember(String member, String problem) {
            super(problem, null, false, false);
            this.member = member;
        }
    }

    private JsonRequest() {
    }

    /** The body bound into {@code type}, whose constructor may refuse members with {@link #invalid}. */
    public static <T> T read(byte[] body, Class<T> type) {
        JsonNode tree = tree(body);
        refuseUnknownMembers(tree, STRICT.constructType(type), JsonPointer.empty());
        try {
            return STRICT.treeToValue(tree, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof Problem problem) {
                throw problem;
            }
            if (e.getCause() instanceof InvalidMember member) {
                throw Problem.invalid(pointer(e).appendProperty(member.member) + " " + member.getMessage());
            }
            throw notAsDocumented(e);
        } catch (UnrecognizedPropertyException e) {
            throw unknownMember(pointer(e), e.getKnownPropertyIds().stream().map(Object::toString).toList());
        } catch (MismatchedInputException e) {
            JsonPointer pointer = pointer(e);
            JsonNode given = tree.at(pointer);
            if (given.isMissingNode() || given.isNull() && !pointer.matches() && tree.at(pointer.head()).isObject()) {
                throw Problem.invalid(pointer + " is required");
            }
            throw Problem.invalid(pointer + " must be " + kind(e.getTargetType()));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException) {
                throw Problem.invalid(pointer(e) + " is out of range");
            }
            throw notAsDocumented(e);
        } catch (JsonProcessingException e) {
            throw notAsDocumented(e);
        }
    }

    /** A refusal of {@code member} of the record being made, e.g. {@code invalid("partNumber", "must be positive")}. */
    public static InvalidMember invalid(String member, String problem) {
        return new InvalidMember(member, problem);
    }

    /** {@code value} (null for none) unless it is longer than {@code maxLength} characters. */
    public static String limited(String member, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw invalid(member, "is longer than " + maxLength + " characters");
        }
        return value;
    }

    /**
     * Members no record of {@code type} has, refused before binding: Jackson reports them only once it has made the
     * record, after any member missing.
     */
    private static void refuseUnknownMembers(JsonNode node, JavaType type, JsonPointer at) {
        if (node.isArray() && type.isCollectionLikeType()) {
            for (int i = 0; i < node.size(); i++) {
                refuseUnknownMembers(node.get(i), type.getContentType(), at.appendIndex(i));
            }
        } else if (node.isObject() && type.isRecordType()) {
            Map<String, JavaType> members = new HashMap<>();
            STRICT.getDeserializationConfig().introspect(type).findProperties()
                    .forEach(member -> members.put(member.getName(), member.getPrimaryType()));
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonPointer pointer = at.appendProperty(member.getKey());
                if (!members.containsKey(member.getKey())) {
                    throw unknownMember(pointer, members.keySet());
                }
                refuseUnknownMembers(member.getValue(), members.get(member.getKey()), pointer);
            }
        }
    }

    private static Problem unknownMember(JsonPointer pointer, Collection<String> known) {
        return Problem.invalid("Unknown member " + quoted(pointer.toString()) + "; expected " + known.stream().sorted()
                .collect(Collectors.joining(", ")));
    }

    private static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request has no body; a JSON object is expected");
        }
        if (body.length > MAX_BYTES) {
            throw new Problem(ProblemType.REQUEST_TOO_LARGE, "The request body exceeds " + MAX_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (IOException e) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new Problem(ProblemType.MALFORMED_JSON, "The request body must be a JSON object");
        }
        return tree;
    }

    /** Where in the body Jackson failed, as a JSON pointer ({@code /parts/0/eTag}). */
    private static JsonPointer pointer(JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference step : e.getPath()) {
            pointer = step.getFieldName() != null ? pointer.appendProperty(step.getFieldName())
                    : pointer.appendIndex(step.getIndex());
        }
        return pointer;
    }

    /** What a member of {@code type} is in JSON, for messages. */
    private static String kind(Class<?> type) {
        if (type == null) {
            return "of its documented type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(value -> STRICT.valueToTree(value).asText())
                    .collect(Collectors.joining(" or "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) ? "an object of strings" : "an object";
    }

    private static Problem notAsDocumented(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping && !pointer(mapping).matches()
                ? pointer(mapping).toString() : "The request body";
        return Problem.invalid(where + " is not as documented");
    }

    /** Unknown member names come from the caller: shorten them and keep them printable. */
    private static String quoted(String pointer) {
        String shown = pointer.length() > 64 ? pointer.substring(0, 64) + "..." : pointer;
        StringBuilder printable = new StringBuilder();
        shown.codePoints().forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return "'" + printable + "'";
    }
}
