package com.bazaar.app.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Bad input against every operation of the running app's own OpenAPI document ({@code /v3/api-docs}): the cases are
 * derived from each operation's parameters and request body schema (types, required fields, enums), so a new endpoint
 * is swept without touching this class. Every answer must be a 4xx {@code application/problem+json} (or, for input
 * that is odd but legal, such as an emoji in a display name or an unknown extra field, a success), never a 5xx; and a
 * refused request must not store an event. A table of the cases sent per operation is printed.
 */
class BadInputSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ADMIN_EMAIL = "sweep-admin@example.com";
    /** Jackson cannot write a lone surrogate; this marker is replaced by its JSON escape in the serialized text. */
    private static final String LONE_SURROGATE_MARKER = "@@LONE_SURROGATE@@";

    private static final int HUGE_BODY_BYTES = 3 * 1024 * 1024;
    /** Keeps the run short on bodies with many fields: every kind of field case still occurs, on some fields. */
    private static final int MAX_FIELD_CASES = 40;

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static RunningBazaar.User user;
    private static RunningBazaar.User admin;
    private static RunningBazaar.User other;
    private static Map<String, String> knownIds;
    private static final HttpClient HTTP = HttpClient.newConnection().responseTimeout(Duration.ofSeconds(20));

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.start(
                dataDir, "--bazaar.auth.admin-emails=" + ADMIN_EMAIL, "--bazaar.payments.webhook-secret=whsec_sweep");
        user = bazaar.signUp("Sweep User");
        other = bazaar.signUp("Sweep Other");
        admin = bazaar.signUp("Sweep Admin", ADMIN_EMAIL);
        String draft = bazaar.as(user)
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "Sweep lamp",
                        "price",
                        Map.of("amount", 1500, "currency", "EUR"),
                        "category",
                        "home",
                        "condition",
                        "good"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        // Path parameters get ids that exist where the document's parameter name says what they are, so that body
        // and header cases reach the handler's own checks rather than stopping at "not found".
        knownIds =
                Map.of("listingId", draft, "sellerId", user.id(), "userId", other.id(), "id", bazaar.startUpload(user));
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void everyOperationAnswersBadInputWithAProblemAndStoresNothing() {
        JsonNode document = readTree(get("/v3/api-docs"));
        List<Operation> operations = operations(document);
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(30);

        List<String> violations = new ArrayList<>();
        Map<String, int[]> table = new TreeMap<>();
        for (Operation operation : operations) {
            List<Case> cases = cases(operation, document);
            int[] counts = new int[3];
            for (Case sent : cases) {
                Outcome outcome = send(operation, sent);
                counts[0]++;
                if (outcome.status() >= 200 && outcome.status() < 400) {
                    counts[1]++;
                } else {
                    counts[2]++;
                }
                outcome.violation(operation, sent).ifPresent(violations::add);
            }
            table.put(operation.method() + " " + operation.path(), counts);
        }
        printTable(table);
        assertThat(violations)
                .as("answers that were not a problem+json 4xx, or refusals that stored events")
                .isEmpty();
    }

    // ---------------------------------------------------------------- the operations in the document

    record Parameter(String name, String in, boolean required, JsonNode schema) {}

    record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            String contentType,
            JsonNode bodySchema,
            boolean bodyRequired) {

        boolean admin() {
            return path.startsWith("/api/v1/admin/");
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
                    if (!List.of("get", "post", "put", "patch", "delete").contains(entry.getKey())) {
                        return;
                    }
                    JsonNode operation = entry.getValue();
                    List<Parameter> parameters = new ArrayList<>();
                    operation
                            .path("parameters")
                            .forEach(parameter -> parameters.add(new Parameter(
                                    parameter.path("name").asText(),
                                            parameter.path("in").asText(),
                                    parameter.path("required").asBoolean(false),
                                            resolve(document, parameter.path("schema")))));
                    JsonNode content = operation.path("requestBody").path("content");
                    String contentType = content.fieldNames().hasNext()
                            ? content.fieldNames().next()
                            : null;
                    JsonNode bodySchema = contentType == null
                            ? null
                            : resolve(document, content.path(contentType).path("schema"));
                    operations.add(new Operation(
                            entry.getKey().toUpperCase(),
                            path.getKey(),
                            parameters,
                            contentType,
                            bodySchema,
                            operation.path("requestBody").path("required").asBoolean(false)));
                }));
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return NODES.objectNode();
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            return resolve(document, document.at(ref.substring(1)));
        }
        JsonNode allOf = schema.path("allOf");
        if (allOf.isArray() && allOf.size() == 1) {
            return resolve(document, allOf.get(0));
        }
        if (schema.isObject() && schema.has("properties")) {
            ObjectNode resolved = ((ObjectNode) schema).deepCopy();
            ObjectNode properties = NODES.objectNode();
            schema.path("properties")
                    .fields()
                    .forEachRemaining(
                            property -> properties.set(property.getKey(), resolve(document, property.getValue())));
            resolved.set("properties", properties);
            return resolved;
        }
        if (schema.isObject() && schema.has("items")) {
            ObjectNode resolved = ((ObjectNode) schema).deepCopy();
            resolved.set("items", resolve(document, schema.path("items")));
            return resolved;
        }
        return schema;
    }

    // ---------------------------------------------------------------- cases derived from an operation

    enum Auth {
        BEST,
        NONE,
        GARBAGE,
        NOT_ADMIN
    }

    /**
     * One request: path parameter values (raw, already percent-encoded), a raw query string, headers, body bytes with
     * their content type. {@code mustRefuse}: input no handler may accept; otherwise a success is fine, a 5xx is not.
     */
    record Case(
            String name,
            Map<String, String> pathValues,
            String query,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            Auth auth,
            boolean mustRefuse,
            int expectedStatus) {}

    private static List<Case> cases(Operation operation, JsonNode document) {
        Map<String, String> validPath = new LinkedHashMap<>();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                validPath.put(
                        parameter.name(),
                        knownIds.getOrDefault(
                                parameter.name(), UUID.randomUUID().toString()));
            }
        }
        String validQuery = validQuery(operation, null, null);
        JsonNode validBody = operation.bodySchema() == null ? null : example(operation.bodySchema(), 0);
        byte[] validBytes = validBody == null ? null : bytes(validBody);
        String contentType = operation.contentType() == null
                ? null
                : operation.contentType().equals("*/*") ? "application/json" : operation.contentType();
        List<Case> cases = new ArrayList<>();
        CaseBuilder base = new CaseBuilder(validPath, validQuery, contentType, validBytes);

        // Path parameters: ids that cannot name anything. Removing what is not there is a success (DELETE is
        // idempotent), anything else must be refused.
        boolean idempotentRemoval = operation.method().equals("DELETE");
        for (String name : validPath.keySet()) {
            for (Map.Entry<String, String> invalid : invalidIds().entrySet()) {
                cases.add(base.path(name, invalid.getValue())
                        .build("path " + name + " " + invalid.getKey(), !idempotentRemoval));
            }
        }
        // Query parameters: wrong types, values outside enums, cursors we never issued, unicode.
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query")) {
                continue;
            }
            for (Map.Entry<String, Boolean> value :
                    invalidQueryValues(parameter).entrySet()) {
                cases.add(base.query(validQuery(operation, parameter.name(), value.getKey()))
                        .build("query " + parameter.name() + "=" + abbreviate(value.getKey()), value.getValue()));
            }
        }
        // Bodies: malformed, wrong shape, wrong types, missing and extra fields, unicode, huge, wrong content types.
        if (operation.bodySchema() != null) {
            for (Map.Entry<String, byte[]> malformed : malformedBodies().entrySet()) {
                cases.add(base.body(malformed.getValue()).build("body " + malformed.getKey(), true));
            }
            if (validBody instanceof ObjectNode object) {
                cases.addAll(bounded(fieldCases(base, operation.bodySchema(), object, ""), MAX_FIELD_CASES));
                ObjectNode extra = object.deepCopy();
                extra.put("unexpectedField", "surprise");
                extra.set("__proto__", NODES.objectNode().put("admin", true));
                cases.add(base.body(bytes(extra)).build("body with extra fields", false));
            }
            cases.add(base.body(hugeBody(validBody)).build("body of " + HUGE_BODY_BYTES / 1024 + " KiB", 413));
            boolean anyType = "*/*".equals(operation.contentType());
            for (String wrongType : List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/json; charset=x-unknown")) {
                cases.add(
                        anyType
                                ? base.contentType(wrongType).build("content type " + wrongType, true)
                                : base.contentType(wrongType).build("content type " + wrongType, 415));
            }
            cases.add(
                    anyType
                            ? base.contentType(null).build("no content type", true)
                            : base.contentType(null).build("no content type", 415));
        }
        // Headers: too large for the server, unreadable tokens, answers the client cannot read.
        // Netty answers these itself (server.max-http-request-header-size, 8 KB; a 4 KB request line). Sizes stay
        // below Netty's first read so that its close after answering cannot reset the connection first.
        cases.add(base.header("X-Filler", "a".repeat(16_000)).build("a 16 KB header", 431));
        cases.add(base.header("X-Filler", "a".repeat(6_000))
                .header("X-Filler-2", "b".repeat(6_000))
                .build("12 KB of headers", 431));
        cases.add(base.query("q=" + "a".repeat(20_000)).build("a 20 KB request line", 414));
        cases.add(base.header("Accept", "application/xml").build("accepting only XML", false));
        cases.add(
                base.header("X-Request-Id", "\u00e9" + "x".repeat(300) + "\t;").build("odd request id", false));
        // The same request without a token, with a token we never signed, and (admin operations) as a plain user.
        cases.add(base.auth(Auth.NONE).build("no token", false));
        cases.add(base.auth(Auth.GARBAGE).build("garbage token", true));
        if (operation.admin()) {
            cases.add(base.auth(Auth.NOT_ADMIN).build("not an admin", true));
        }
        if (operation.bodySchema() != null) {
            cases.add(base.auth(Auth.NONE)
                    .body(malformedBodies().values().iterator().next())
                    .build("no token, malformed body", true));
        }
        return cases;
    }

    private static String validQuery(Operation operation, String replaced, String replacement) {
        List<String> pairs = new ArrayList<>();
        for (Parameter parameter : operation.parameters()) {
            if (!parameter.in().equals("query")) {
                continue;
            }
            if (parameter.name().equals(replaced)) {
                pairs.add(encode(parameter.name()) + "=" + replacement);
            } else if (parameter.required()) {
                pairs.add(encode(parameter.name()) + "="
                        + encode(example(parameter.schema(), 0).asText()));
            }
        }
        return String.join("&", pairs);
    }

    /** Raw (already percent-encoded) query values; true where no handler may accept the value. */
    private static Map<String, Boolean> invalidQueryValues(Parameter parameter) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        String type = parameter.schema().path("type").asText("string");
        if (type.equals("integer") || type.equals("number")) {
            values.put("abc", true);
            values.put("1e999", true);
            values.put("99999999999999999999999", true);
            values.put("-1", false);
            values.put("%F0%9F%98%80", true);
        } else if (type.equals("boolean")) {
            values.put("maybe", true);
        } else if (parameter.schema().has("enum")) {
            values.put("not-a-choice", true);
            values.put("%00", true);
        } else {
            boolean cursor = parameter.name().toLowerCase().contains("cursor");
            values.put("garbage!", cursor);
            values.put("%00", cursor);
            values.put("%ED%A0%80", cursor);
            values.put("%E2%80%AE%F0%9F%98%80", cursor);
            values.put("%FF%FE", cursor);
            values.put("x".repeat(3000), cursor);
        }
        values.put("", false);
        return values;
    }

    /** Percent-encoded path segments no id can be. */
    private static Map<String, String> invalidIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("not a uuid", "not-a-uuid");
        ids.put("unknown uuid", UUID.randomUUID().toString());
        ids.put("NUL", "%00");
        ids.put("lone surrogate", "%ED%A0%80");
        ids.put("invalid UTF-8", "%FF%FE");
        ids.put("RTL and emoji", "%E2%80%AE%F0%9F%98%80");
        ids.put("dot segments", "..%2F..%2Factuator");
        ids.put("blank", "%20");
        ids.put("negative number", "-1");
        ids.put("1000 characters", "x".repeat(1000));
        return ids;
    }

    private static Map<String, byte[]> malformedBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("truncated JSON", "{\"a\": ".getBytes(StandardCharsets.UTF_8));
        bodies.put("not JSON", "not json at all".getBytes(StandardCharsets.UTF_8));
        bodies.put("single quotes", "{'a': 'b'}".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing comma", "{\"a\": 1,}".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        bodies.put("raw NUL", new byte[] {'{', 0, '}'});
        bodies.put("empty", new byte[0]);
        bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("an array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("a string", "\"x\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("a number", "42".getBytes(StandardCharsets.UTF_8));
        bodies.put("nested 100000 deep", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private static List<Case> bounded(List<Case> cases, int max) {
        if (cases.size() <= max) {
            return cases;
        }
        List<Case> kept = new ArrayList<>();
        double stride = (double) cases.size() / max;
        for (int i = 0; i < max; i++) {
            kept.add(cases.get((int) (i * stride)));
        }
        return kept;
    }

    /** Per field of the body: wrong types, null, missing (required ones) and unicode edge cases, one level deep. */
    private static List<Case> fieldCases(CaseBuilder base, JsonNode schema, ObjectNode valid, String prefix) {
        List<Case> cases = new ArrayList<>();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties =
                schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode fieldSchema = property.getValue();
            String field = prefix + name;
            int rotation = cases.size();
            for (JsonNode wrong : rotate(wrongTypes(fieldSchema), rotation, 2)) {
                cases.add(base.body(bytes(with(valid, prefix, name, wrong)))
                        .build("field " + field + " = " + abbreviate(wrong.toString()), true));
            }
            if (required.contains(name)) {
                cases.add(base.body(bytes(with(valid, prefix, name, null))).build("field " + field + " missing", true));
                cases.add(base.body(bytes(with(valid, prefix, name, NODES.nullNode())))
                        .build("field " + field + " null", true));
            }
            if (fieldSchema.path("enum").isArray()) {
                cases.add(base.body(bytes(with(valid, prefix, name, NODES.textNode("not-a-choice"))))
                        .build("field " + field + " outside its enum", true));
            }
            if (fieldSchema.path("type").asText().equals("string")
                    || fieldSchema.path("items").path("type").asText().equals("string")) {
                boolean array = fieldSchema.path("type").asText().equals("array");
                // A lone surrogate goes to every string field (it broke password hashing); the others rotate.
                List<Map.Entry<String, String>> odds =
                        new ArrayList<>(unicodeStrings().entrySet());
                List<Map.Entry<String, String>> picked = new ArrayList<>(odds.subList(0, 1));
                picked.addAll(rotate(odds.subList(1, odds.size()), rotation, 2));
                for (Map.Entry<String, String> odd : picked) {
                    JsonNode value = array ? NODES.arrayNode().add(odd.getValue()) : NODES.textNode(odd.getValue());
                    cases.add(base.body(bytes(with(valid, prefix, name, value)))
                            .build("field " + field + " " + odd.getKey(), false));
                }
            }
            if (prefix.isEmpty() && fieldSchema.has("properties") && valid.get(name) instanceof ObjectNode) {
                cases.addAll(fieldCases(base, fieldSchema, valid, name + "."));
            }
        }
        return cases;
    }

    /** {@code count} of {@code values}, starting at {@code start}: successive fields get different ones. */
    private static <T> List<T> rotate(List<T> values, int start, int count) {
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < Math.min(count, values.size()); i++) {
            picked.add(values.get((start + i) % values.size()));
        }
        return picked;
    }

    private static Map<String, String> unicodeStrings() {
        Map<String, String> strings = new LinkedHashMap<>();
        strings.put("lone surrogate", "a" + LONE_SURROGATE_MARKER + "b");
        strings.put("NUL", "a\u0000b");
        strings.put("RTL override", "\u202eabc\u202c");
        strings.put("emoji", "\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD");
        strings.put("combining marks", "Z\u0351\u0364\u036b\u0306\u0302a\u0324\u0330\u0326lgo");
        strings.put("100000 characters", "\u00e9".repeat(100_000));
        return strings;
    }

    /** A copy of {@code valid} with {@code prefix}{@code name} set to {@code value} (or removed for null). */
    private static ObjectNode with(ObjectNode valid, String prefix, String name, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        ObjectNode target = prefix.isEmpty() ? copy : (ObjectNode) copy.get(prefix.substring(0, prefix.length() - 1));
        if (value == null) {
            target.remove(name);
        } else {
            target.set(name, value);
        }
        return copy;
    }

    private static List<JsonNode> wrongTypes(JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        List<JsonNode> wrong = new ArrayList<>();
        switch (type) {
            case "integer" -> {
                wrong.add(NODES.textNode("12"));
                wrong.add(NODES.numberNode(1.5));
                wrong.add(NODES.numberNode(new java.math.BigInteger("9".repeat(40))));
                wrong.add(NODES.booleanNode(true));
            }
            case "number" -> {
                wrong.add(NODES.textNode("1.5"));
                wrong.add(NODES.booleanNode(true));
            }
            case "boolean" -> {
                wrong.add(NODES.textNode("yes"));
                wrong.add(NODES.numberNode(1));
            }
            case "array" -> {
                wrong.add(NODES.textNode("x"));
                wrong.add(NODES.objectNode());
                wrong.add(NODES.arrayNode().add(NODES.objectNode()));
            }
            case "object" -> {
                wrong.add(NODES.textNode("x"));
                wrong.add(NODES.arrayNode());
            }
            default -> {
                wrong.add(NODES.numberNode(123));
                wrong.add(NODES.objectNode().put("a", 1));
                wrong.add(NODES.arrayNode().add("x"));
            }
        }
        return wrong;
    }

    /** A value the schema allows, as far as the document says (enums, formats, lengths, minimums). */
    private static JsonNode example(JsonNode schema, int depth) {
        if (schema.has("example") && !schema.path("example").isNull()) {
            return schema.get("example");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(
                                    property -> object.set(property.getKey(), example(property.getValue(), depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4 && schema.path("minItems").asInt(0) > 0) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                String format = schema.path("format").asText("");
                return NODES.textNode(
                        switch (format) {
                            case "uuid" -> UUID.randomUUID().toString();
                            case "email" ->
                                "sweep-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                            case "date-time" -> "2026-01-01T00:00:00Z";
                            default ->
                                "sweep value "
                                        + "x"
                                                .repeat(Math.max(
                                                        0,
                                                        schema.path("minLength").asInt(0) - 12));
                        });
            }
        }
    }

    private static byte[] hugeBody(JsonNode valid) {
        String filler = "x".repeat(HUGE_BODY_BYTES);
        if (valid instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            Iterator<String> names = object.fieldNames();
            copy.put(names.hasNext() ? names.next() : "filler", filler);
            return bytes(copy);
        }
        return ("\"" + filler + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsString(body)
                    .replace(LONE_SURROGATE_MARKER, "\\ud800")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Immutable-style builder: every method returns a changed copy of the valid request. */
    private record CaseBuilder(
            Map<String, String> pathValues,
            String query,
            String contentType,
            byte[] body,
            Map<String, String> headers,
            Auth auth) {

        CaseBuilder(Map<String, String> pathValues, String query, String contentType, byte[] body) {
            this(pathValues, query, contentType, body, Map.of(), Auth.BEST);
        }

        CaseBuilder path(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(pathValues);
            changed.put(name, value);
            return new CaseBuilder(changed, query, contentType, body, headers, auth);
        }

        CaseBuilder query(String changed) {
            return new CaseBuilder(pathValues, changed, contentType, body, headers, auth);
        }

        CaseBuilder contentType(String changed) {
            return new CaseBuilder(pathValues, query, changed, body, headers, auth);
        }

        CaseBuilder body(byte[] changed) {
            return new CaseBuilder(pathValues, query, contentType, changed, headers, auth);
        }

        CaseBuilder header(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new CaseBuilder(pathValues, query, contentType, body, changed, auth);
        }

        CaseBuilder auth(Auth changed) {
            return new CaseBuilder(pathValues, query, contentType, body, headers, changed);
        }

        Case build(String name, boolean mustRefuse) {
            return new Case(name, pathValues, query, headers, contentType, body, auth, mustRefuse, 0);
        }

        /** A refusal with exactly this status. */
        Case build(String name, int expectedStatus) {
            return new Case(name, pathValues, query, headers, contentType, body, auth, true, expectedStatus);
        }
    }

    // ---------------------------------------------------------------- sending and judging

    record Outcome(
            int status, String contentType, JsonNode problem, long eventsBefore, long eventsAfter, String error) {

        java.util.Optional<String> violation(Operation operation, Case sent) {
            String where =
                    operation.method() + " " + operation.path() + " [" + sent.name() + ", " + sent.auth() + "]: ";
            if (error != null) {
                return java.util.Optional.of(where + "no answer: " + error);
            }
            boolean refused = status >= 400;
            if (status >= 500) {
                return java.util.Optional.of(where + status + " " + problem);
            }
            if (sent.expectedStatus() != 0 && status != sent.expectedStatus()) {
                return java.util.Optional.of(where + status + " instead of " + sent.expectedStatus() + " " + problem);
            }
            if (!refused && sent.mustRefuse()) {
                return java.util.Optional.of(where + "accepted with " + status);
            }
            if (refused && !isProblem()) {
                return java.util.Optional.of(where + status + " is not a problem: " + contentType + " " + problem);
            }
            if (refused && eventsAfter != eventsBefore) {
                return java.util.Optional.of(
                        where + status + " but stored " + (eventsAfter - eventsBefore) + " event(s)");
            }
            return java.util.Optional.empty();
        }

        private boolean isProblem() {
            return contentType != null
                    && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))
                    && problem != null
                    && problem.path("type").isTextual()
                    && problem.path("title").isTextual()
                    && problem.path("status").asInt() == status;
        }
    }

    /** What came back: status, content type and body bytes. */
    private record Answer(int status, String contentType, byte[] body) {}

    private static Outcome send(Operation operation, Case sent) {
        String path = operation.path();
        for (Map.Entry<String, String> value : sent.pathValues().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        String uri = bazaar.baseUrl() + path + (sent.query().isEmpty() ? "" : "?" + sent.query());
        Map<String, String> headers = new LinkedHashMap<>();
        if (operation.bodySchema() != null && sent.contentType() != null) {
            headers.put("Content-Type", sent.contentType());
        }
        String token = switch (sent.auth()) {
            case BEST -> operation.admin() ? admin.accessToken() : user.accessToken();
            case NOT_ADMIN -> user.accessToken();
            case GARBAGE -> "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
            case NONE -> null;
        };
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.putAll(sent.headers());
        long before = events();
        Answer answer;
        try {
            answer = exchange(operation.method(), uri, headers, operation.bodySchema() == null ? null : sent.body());
        } catch (RuntimeException e) {
            return new Outcome(0, null, null, before, before, e.toString());
        }
        if (answer.status() < 400 && !operation.method().equals("GET")) {
            // An accepted request may cause further events a moment later (policies, sagas): let them land before
            // the next case counts.
            awaitQuietEventStore();
        }
        JsonNode problem;
        try {
            problem = answer.body().length == 0 ? null : JSON.readTree(answer.body());
        } catch (IOException notJson) {
            problem = NODES.textNode(abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
        }
        return new Outcome(
                answer.status(),
                answer.contentType(),
                problem,
                before,
                answer.status() < 400 ? before : events(),
                null);
    }

    /**
     * One request on a connection of its own (closed afterwards), sent as given: no header or URL normalisation,
     * and no connection state carried from one case to the next (Netty closes the connection after some refusals).
     */
    private static Answer exchange(String method, String uri, Map<String, String> headers, byte[] body) {
        var request = HTTP.headers(all -> headers.forEach(all::set))
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(uri);
        HttpClient.ResponseReceiver<?> sender =
                body == null ? request : request.send((ignored, out) -> out.sendByteArray(Mono.just(body)));
        return sender.responseSingle((response, content) -> content.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(
                                response.status().code(),
                                response.responseHeaders().get("Content-Type"),
                                bytes)))
                .block(Duration.ofSeconds(30));
    }

    private static long events() {
        return bazaar.bean(MongoTemplate.class).getCollection("domainevents").countDocuments();
    }

    private static void awaitQuietEventStore() {
        long[] last = {events()};
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long now = events();
                    boolean quiet = now == last[0];
                    last[0] = now;
                    return quiet;
                });
    }

    private static String get(String path) {
        return new String(
                exchange("GET", bazaar.baseUrl() + path, Map.of(), null).body(), StandardCharsets.UTF_8);
    }

    private static void printTable(Map<String, int[]> table) {
        StringBuilder out = new StringBuilder("\nBad input sweep: cases sent per operation\n");
        out.append(String.format("%-55s %6s %9s %8s%n", "operation", "cases", "accepted", "refused"));
        int total = 0;
        for (Map.Entry<String, int[]> row : table.entrySet()) {
            int[] counts = row.getValue();
            total += counts[0];
            out.append(String.format("%-55s %6d %9d %8d%n", row.getKey(), counts[0], counts[1], counts[2]));
        }
        out.append(String.format("%-55s %6d%n", "total (" + table.size() + " operations)", total));
        System.out.println(out);
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
    }
}
