package com.bazaar.platform.validation;

import com.bazaar.contracts.common.Slugged;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The annotated string is one of the slugs of a {@link Slugged} enum. Request bodies take vocabulary fields as
 * strings checked by this constraint rather than as enums: Jackson stops at the first unknown enum value, while bean
 * validation reports every invalid field of a form at once. Null is left to {@code @NotNull}.
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SlugOf.Validator.class)
public @interface SlugOf {

    Class<? extends Slugged> value();

    String message() default "must be one of: {slugs}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SlugOf, String> {

        private String slugs;
        private Set<String> allowed;

        @Override
        public void initialize(SlugOf annotation) {
            allowed = Arrays.stream(annotation.value().getEnumConstants())
                    .map(Slugged::slug)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            slugs = String.join(", ", allowed);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || allowed.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of: " + slugs)
                    .addConstraintViolation();
            return false;
        }
    }
}
