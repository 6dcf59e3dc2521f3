package com.bazaar.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The public HTTP API as an admin sees it: JSON in and out, problem+json (RFC 9457) answers become {@link Refused}. */
public final class BazaarApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;

    BazaarApi(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base.toString().replaceAll("/+$", "");
        this.token = token;
    }

    /** An answer of 4xx or 5xx, with a one-line explanation for a person. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** {@code node} as indented JSON, the form every {@code --json} option prints. */
    public String pretty(JsonNode node) throws java.io.IOException {
        return json().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    public ObjectMapper json() {
        return json;
    }

    /** A path segment taken from the command line (ids), so that nothing in it can change the route. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** POSTs {@code body} as JSON, or nothing when it is null; answers the JSON body, or null for an empty answer. */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return send(request);
    }

    /** DELETEs {@code path}; answers the JSON body, or null for an empty answer (204). */
    public JsonNode delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 400) {
            throw new Refused(answer.statusCode(), explain(answer));
        }
        return answer.body().isBlank() ? null : json.readTree(answer.body());
    }

    private String explain(HttpResponse<String> answer) {
        int status = answer.statusCode();
        JsonNode problem = problemOf(answer.body());
        StringBuilder line = new StringBuilder().append(status);
        String title = problem == null ? "" : problem.path("title").asText("");
        line.append(' ').append(title.isEmpty() ? "HTTP error" : title);
        if (status == 401) {
            line.append(
                    ": the admin token is missing, invalid or expired (sign in again; --token or BAZAAR_ADMIN_TOKEN)");
        } else if (status == 403) {
            line.append(": the token's account is not an admin");
        }
        if (problem == null) {
            String body = answer.body().strip();
            if (!body.isEmpty() && status != 401 && status != 403) {
                line.append(": ").append(body, 0, Math.min(body.length(), 200));
            }
            return oneLine(line.toString());
        }
        String detail = problem.path("detail").asText("");
        if (!detail.isEmpty() && status != 401 && status != 403) {
            line.append(": ").append(detail);
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText("");
            String message = error.path("message").asText("");
            fields.add(field.isEmpty() ? message : field + " " + message);
        }
        if (!fields.isEmpty()) {
            line.append(" [").append(String.join("; ", fields)).append(']');
        }
        String code = problem.path("code").asText("");
        if (!code.isEmpty()) {
            line.append(" (").append(code).append(')');
        }
        return oneLine(line.toString());
    }

    private JsonNode problemOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() && (node.has("title") || node.has("type")) ? node : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
