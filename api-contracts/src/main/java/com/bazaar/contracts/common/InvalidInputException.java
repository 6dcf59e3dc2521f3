package com.bazaar.contracts.common;

/**
 * An input that fails a check only its handler can make (a cursor it did not issue, filters that contradict each
 * other). Answered as a validation problem naming the field.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
