package com.bazaar.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/**
 * The one shape of Bazaar's RFC 9457 answers: type, title, status, detail and an always-present {@code errors[]}. Used
 * by the controller advice and by the security filters, which answer before any controller runs.
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of());
        return problem;
    }
}
