package com.bazaar.platform.web;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.errors.ErrorReports;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.ratelimit.RateLimitExceededException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns every failure of a request into an RFC 9457 {@code application/problem+json} answer. Validation failures list
 * their fields in {@code errors[]}; business rule violations carry their stable code as the problem type. Anything
 * unexpected is a 500 that reveals nothing but the request id to quote.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);
    private static final String VALIDATION_TYPE = "/problems/validation";

    /** One invalid input: a JSON path like {@code price.currency}, or a query parameter name. */
    record FieldProblem(String field, String message) {}

    private final ErrorReports errorReports;

    ProblemDetailsHandler(ErrorReports errorReports) {
        this.errorReports = errorReports;
    }

    @ExceptionHandler(Throwable.class)
    Mono<ResponseEntity<Object>> handleAny(Throwable failure, ServerWebExchange exchange) {
        Optional<DomainException> violation = causeOfType(failure, DomainException.class);
        if (violation.isPresent()) {
            return Mono.just(domainException(violation.get()));
        }
        Optional<RateLimitExceededException> limited = causeOfType(failure, RateLimitExceededException.class);
        if (limited.isPresent()) {
            return Mono.just(rateLimited(limited.get()));
        }
        Optional<InvalidInputException> invalidInput = causeOfType(failure, InvalidInputException.class);
        if (invalidInput.isPresent()) {
            return Mono.just(validation(List.of(new FieldProblem(
                    invalidInput.get().field(), invalidInput.get().getMessage()))));
        }
        if (causeOfType(failure, AggregateNotFoundException.class).isPresent()) {
            return Mono.just(
                    problem(HttpStatus.NOT_FOUND, "/problems/not-found", "Not found", "No such resource.", null));
        }
        if (causeOfType(failure, ConflictingModificationException.class).isPresent()
                || causeOfType(failure, ConcurrencyException.class).isPresent()
                || causeOfType(failure, AggregateStreamCreationException.class).isPresent()) {
            return Mono.just(problem(
                    HttpStatus.CONFLICT,
                    "/problems/concurrent-modification",
                    "Concurrent modification",
                    "Someone else changed this resource at the same time; reload it and try again.",
                    null));
        }
        if (StoreUnavailable.causedBy(failure)) {
            log.warn(
                    "The store is unavailable serving {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure.toString());
            return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(StoreUnavailable.RETRY_AFTER_SECONDS))
                    .body(StoreUnavailable.problem()));
        }
        if (failure instanceof ConstraintViolationException constraints) {
            return Mono.just(validation(constraints.getConstraintViolations().stream()
                    .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList()));
        }
        log.error(
                "Unhandled failure serving {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                failure);
        return Mono.deferContextual(context -> {
            errorReports.unhandledRequestFailure(
                    failure,
                    RequestMetadata.from(context),
                    exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value());
            return Mono.just(problem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "about:blank",
                    "Internal error",
                    "Something went wrong on our side. Quote the X-Request-Id header when reporting it.",
                    null));
        });
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        problems.sort(Comparator.comparing(FieldProblem::field));
        return Mono.just(validation(problems));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            ServerWebExchange exchange) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = Optional.ofNullable(result.getMethodParameter().getParameterName())
                    .orElse("parameter");
            result.getResolvableErrors()
                    .forEach(error -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
        });
        problems.sort(Comparator.comparing(FieldProblem::field));
        return Mono.just(validation(problems));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (causeOfType(ex, DataBufferLimitException.class).isPresent()) {
            return Mono.just(payloadTooLarge());
        }
        Optional<JsonMappingException> mapping = causeOfType(ex, JsonMappingException.class);
        if (mapping.isPresent() && !mapping.get().getPath().isEmpty()) {
            return Mono.just(validation(List.of(new FieldProblem(jsonPath(mapping.get()), describe(mapping.get())))));
        }
        if (mapping.isPresent()) {
            return Mono.just(problem(
                    HttpStatus.BAD_REQUEST,
                    "/problems/invalid-body",
                    "Invalid body",
                    "The request body must be a JSON object of the documented shape.",
                    null));
        }
        if (causeOfType(ex, JsonProcessingException.class).isPresent()) {
            return Mono.just(problem(
                    HttpStatus.BAD_REQUEST,
                    "/problems/malformed-json",
                    "Malformed JSON",
                    "The request body is not valid JSON.",
                    null));
        }
        if (ex.getMethodParameter() != null && ex.getMethodParameter().hasParameterAnnotation(RequestBody.class)) {
            return Mono.just(problem(
                    HttpStatus.BAD_REQUEST,
                    "/problems/invalid-body",
                    "Invalid body",
                    "The request body is missing or empty.",
                    null));
        }
        if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
            String name = ex.getMethodParameter().getParameterName();
            return Mono.just(validation(List.of(new FieldProblem(name, "has the wrong type"))));
        }
        String detail = ex.getReason() != null ? ex.getReason() : "The request could not be read.";
        return Mono.just(problem(HttpStatus.BAD_REQUEST, "/problems/bad-request", "Bad request", detail, null));
    }

    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        // Spring's own exceptions (405, 406, 415, ...) already come as ProblemDetail bodies; keep them, add errors[].
        if (body instanceof ProblemDetail detail && detail.getProperties() == null) {
            detail.setProperty("errors", List.of());
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    private static ResponseEntity<Object> domainException(DomainException violation) {
        ErrorCode code = violation.code();
        HttpStatus status = switch (code.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
        };
        Map<String, Object> properties = new LinkedHashMap<>(violation.properties());
        properties.put("code", code.slug());
        return problem(
                status, "/problems/" + code.slug(), status.getReasonPhrase(), violation.getMessage(), properties);
    }

    private static ResponseEntity<Object> rateLimited(RateLimitExceededException exceeded) {
        long seconds = exceeded.retryAfterSeconds();
        ResponseEntity<Object> problem = problem(
                HttpStatus.TOO_MANY_REQUESTS,
                "/problems/rate-limited",
                "Too many requests",
                "Too many requests; retry after " + seconds + " seconds.",
                null);
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem.getBody());
    }

    /** A body over {@code spring.codec.max-in-memory-size}: the codec stops reading it, nothing is decoded. */
    private static ResponseEntity<Object> payloadTooLarge() {
        return problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "/problems/payload-too-large",
                "Payload too large",
                "The request body is larger than this server accepts.",
                null);
    }

    private static ResponseEntity<Object> validation(List<FieldProblem> problems) {
        return problem(
                HttpStatus.BAD_REQUEST,
                VALIDATION_TYPE,
                "Invalid request",
                "One or more fields are invalid.",
                Map.of("errors", problems));
    }

    static ResponseEntity<Object> problem(
            HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
        ProblemDetail body = Problems.of(status, type, title, detail);
        if (properties != null) {
            properties.forEach(body::setProperty);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static String jsonPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException mapping) {
        if (mapping instanceof ValueInstantiationException || mapping instanceof InvalidFormatException) {
            Throwable cause = mapping.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + typeName(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String typeName(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }
}
