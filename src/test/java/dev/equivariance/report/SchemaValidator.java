package dev.equivariance.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a parsed JSON value against the subset of JSON Schema 2020-12 the audit-report schema uses:
 * {@code type} (a name or a list), {@code required}, {@code properties}, {@code additionalProperties: false},
 * {@code items}, {@code enum} and {@code $ref} to {@code #/$defs/...}. Annotations ({@code title},
 * {@code description}, {@code $id}, {@code $schema}) are ignored; any other keyword fails loudly, so the schema
 * cannot silently use something this validator does not check.
 */
final class SchemaValidator {

    private static final List<String> KNOWN = List.of("$schema", "$id", "$defs", "$ref", "title", "description",
            "type", "required", "properties", "additionalProperties", "items", "enum");

    private final Map<String, Object> root;
    private final List<String> errors = new ArrayList<>();

    private SchemaValidator(Map<String, Object> root) {
        this.root = root;
    }

    /** The violations of {@code instance} against {@code schema}, each with its JSON pointer; empty when valid. */
    static List<String> validate(Map<String, Object> schema, Object instance) {
        SchemaValidator v = new SchemaValidator(schema);
        v.check(schema, instance, "");
        return v.errors;
    }

    private void check(Map<String, Object> schema, Object value, String at) {
        for (String keyword : schema.keySet()) {
            if (!KNOWN.contains(keyword)) {
                throw new IllegalArgumentException("Unsupported schema keyword " + keyword + " at " + at);
            }
        }
        if (schema.containsKey("$ref")) {
            check(resolve((String) schema.get("$ref")), value, at);
        }
        if (schema.containsKey("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(at + ": expected type " + schema.get("type") + ", got " + describe(value));
            return;
        }
        if (schema.containsKey("enum") && !Json.array(schema.get("enum")).contains(value)) {
            errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value instanceof Map<?, ?>) {
            checkObject(schema, Json.object(value), at);
        }
        if (value instanceof List<?> list && schema.containsKey("items")) {
            Map<String, Object> items = Json.object(schema.get("items"));
            for (int i = 0; i < list.size(); i++) {
                check(items, list.get(i), at + "/" + i);
            }
        }
    }

    private void checkObject(Map<String, Object> schema, Map<String, Object> object, String at) {
        if (schema.containsKey("required")) {
            for (Object name : Json.array(schema.get("required"))) {
                if (!object.containsKey((String) name)) {
                    errors.add(at + ": missing required property " + name);
                }
            }
        }
        Map<String, Object> properties = schema.containsKey("properties") ? Json.object(schema.get("properties"))
                : Map.of();
        for (Map.Entry<String, Object> e : object.entrySet()) {
            if (properties.containsKey(e.getKey())) {
                check(Json.object(properties.get(e.getKey())), e.getValue(), at + "/" + e.getKey());
            } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                errors.add(at + ": unexpected property " + e.getKey());
            }
        }
    }

    private Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/$defs/")) {
            throw new IllegalArgumentException("Unsupported $ref " + ref);
        }
        Object target = Json.object(root.get("$defs")).get(ref.substring("#/$defs/".length()));
        if (target == null) {
            throw new IllegalArgumentException("Unresolved $ref " + ref);
        }
        return Json.object(target);
    }

    private static boolean typeMatches(Object type, Object value) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(t, value));
        }
        return switch ((String) type) {
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            case "number" -> value instanceof BigDecimal;
            case "integer" -> value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
            default -> throw new IllegalArgumentException("Unknown type " + type);
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
