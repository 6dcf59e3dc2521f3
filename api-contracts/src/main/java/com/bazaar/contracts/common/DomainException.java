package com.bazaar.contracts.common;

import java.util.Map;

/**
 * A command or query refused for a business reason (a rule it breaks, a resource the caller may not see). It carries a
 * stable {@link ErrorCode} so the edge can answer with the right status and problem type without parsing messages.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    /** @param properties extra members of the problem answer, e.g. the ids of the cart lines that failed */
    public DomainException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
