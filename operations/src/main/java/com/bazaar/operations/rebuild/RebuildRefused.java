package com.bazaar.operations.rebuild;

import org.springframework.http.HttpStatus;

/** A rebuild request that cannot be served, answered as a problem with this status, type and explanation. */
class RebuildRefused extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    RebuildRefused(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }
}
