package com.bazaar.platform.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event processors (processing groups) whose read model a query endpoint answers from. A request to it that
 * carries a {@code Bazaar-Consistency} header waits until those processors have handled the events the header names
 * (docs/OPERATIONS.md, "Read-your-writes"). On a method it replaces the one on its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadModel {

    /** Processing group names, e.g. {@code "feed"}. */
    String[] value();
}
