package com.bazaar.app.openapi;

import com.bazaar.identity.AccessRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Completes the generated OpenAPI document with what a client generated from it needs (docs/API.md, "OpenAPI"):
 * the bearer scheme and which operations need it, a summary per operation, and the problem answers each operation can
 * give. Security and problems are derived, not annotated: security from {@link AccessRules} (the rules the security
 * filter chain enforces), problems from the operation's method, path, parameters and security, so a new endpoint is
 * described correctly without touching this class; only its summary must be added to {@link OperationSummaries}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiContract {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    private static final String AUTH = "/api/v1/auth/";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** A problem answer an operation can give, and when. */
    private record ProblemAnswer(String status, String name, String description) {
        String ref() {
            return "#/components/responses/" + name;
        }
    }

    private static final ProblemAnswer BAD_REQUEST =
            new ProblemAnswer("400", "BadRequest", "The input is invalid; `errors[]` names every field to blame.");
    private static final ProblemAnswer UNAUTHORIZED = new ProblemAnswer(
            "401",
            "Unauthorized",
            "No valid access token, or (signing in) the credentials or token sent are not valid.");
    private static final ProblemAnswer FORBIDDEN =
            new ProblemAnswer("403", "Forbidden", "The caller's role does not allow this.");
    private static final ProblemAnswer NOT_FOUND =
            new ProblemAnswer("404", "NotFound", "No such resource, or not one the caller may see.");
    private static final ProblemAnswer CONFLICT = new ProblemAnswer(
            "409",
            "Conflict",
            "A business rule forbids this in the resource's current state (the problem's `code` says which), or "
                    + "someone changed it at the same time.");
    private static final ProblemAnswer PRECONDITION_FAILED = new ProblemAnswer(
            "412",
            "PreconditionFailed",
            "The resource changed since the version sent in If-Match; reload it and try again.");
    private static final ProblemAnswer TOO_MANY_REQUESTS = new ProblemAnswer(
            "429", "TooManyRequests", "A rate limit is reached; retry after the seconds given in Retry-After.");
    private static final List<ProblemAnswer> ALL =
            List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, TOO_MANY_REQUESTS);

    @Bean
    OpenApiCustomizer bazaarContract() {
        return OpenApiContract::complete;
    }

    static void complete(OpenAPI openApi) {
        openApi.info(new Info()
                .title("Bazaar API")
                .version("v1")
                .description("The marketplace's HTTP API (docs/API.md). Errors are RFC 9457 problems."));
        // The generated server URL names whichever port served the document; relative keeps the saved copy stable.
        openApi.servers(List.of(new Server().url("/").description("The server that serves this document")));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("The access token from sign-up, sign-in or refresh."));
        components.addSchemas(FIELD_PROBLEM, fieldProblemSchema());
        components.addSchemas(PROBLEM, problemSchema());
        for (ProblemAnswer answer : ALL) {
            components.addResponses(
                    answer.name(),
                    new ApiResponse()
                            .description(answer.description())
                            .content(new Content()
                                    .addMediaType(
                                            PROBLEM_JSON,
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(OperationSummaries.of(method.name(), path));
        }
        boolean isPublic = AccessRules.isPublic(HttpMethod.valueOf(method.name()), path);
        // An empty list says "no token needed" explicitly; the bearer requirement is per operation, not global.
        operation.setSecurity(isPublic ? new ArrayList<>() : List.of(new SecurityRequirement().addList(BEARER)));

        List<ProblemAnswer> answers = new ArrayList<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (!parameters.isEmpty() || operation.getRequestBody() != null) {
            answers.add(BAD_REQUEST);
        }
        if (!isPublic || checksCredentials(path)) {
            answers.add(UNAUTHORIZED);
        }
        if (AccessRules.needsStaffRole(path)) {
            answers.add(FORBIDDEN);
        }
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            answers.add(NOT_FOUND);
        }
        if (WRITES.contains(method)) {
            answers.add(CONFLICT);
        }
        if (parameters.stream()
                .anyMatch(parameter -> "header".equals(parameter.getIn())
                        && HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName()))) {
            answers.add(PRECONDITION_FAILED);
        }
        // Writes by a signed-in account share a budget; the sign-in routes have their own per address.
        if (WRITES.contains(method) && (!isPublic || path.startsWith(AUTH))) {
            answers.add(TOO_MANY_REQUESTS);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, ApiResponse> sorted = new TreeMap<>(responses);
        for (ProblemAnswer answer : answers) {
            sorted.putIfAbsent(answer.status(), new ApiResponse().$ref(answer.ref()));
        }
        responses.clear();
        responses.putAll(sorted);
        operation.setResponses(responses);
    }

    /** Public sign-in routes check credentials or tokens themselves and answer 401 when they are not valid. */
    private static boolean checksCredentials(String path) {
        return path.startsWith(AUTH) && !path.equals(AUTH + "signup");
    }

    /** The shape {@code com.bazaar.platform.web.Problems} writes: RFC 9457 members plus {@code errors[]}. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem. Business rule violations also carry their stable `code` and may "
                        + "add members of their own.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri-reference")
                                .description("Identifies the kind of problem, e.g. /problems/validation."))
                .addProperty("title", new StringSchema().description("A short summary of the kind of problem."))
                .addProperty("status", new IntegerSchema().format("int32").description("The HTTP status code."))
                .addProperty("detail", new StringSchema().description("What went wrong with this request."))
                .addProperty(
                        "instance",
                        new StringSchema().format("uri-reference").description("The path of the request that failed."))
                .addProperty(
                        "code",
                        new StringSchema()
                                .description("The broken business rule's stable code, on business rule violations."))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
                                .description("Every invalid field; empty when no field is to blame."))
                .required(List.of("type", "title", "status", "errors"))
                .additionalProperties(true);
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .description("One invalid input.")
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("A JSON path such as price.currency, or a parameter or header name."))
                .addProperty("message", new StringSchema().description("What is wrong with it."))
                .required(List.of("field", "message"));
    }
}
