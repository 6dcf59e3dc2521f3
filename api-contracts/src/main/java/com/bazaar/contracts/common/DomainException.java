package com.bazaar.contracts.common;

/**
 * A command or query refused for a business reason (a rule it breaks, a resource the caller may not see). It carries a
 * stable {@link ErrorCode} so the edge can answer with the right status and problem type without parsing messages.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
