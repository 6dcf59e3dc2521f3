package com.bazaar.media.upload;

import com.bazaar.media.MediaProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * Body of {@code POST /api/v1/media/uploads}: what the app is about to upload. Both fields are checked before any URL
 * is issued, every invalid one reported at once; the size limit is configuration ({@code bazaar.media.max-bytes}),
 * hence a validator with the properties injected rather than {@code @Max}.
 */
record UploadRequest(
        @NotNull @PhotoType String contentType,
        @NotNull @Positive @WithinUploadLimit Long size) {

    /** The photo formats the apps produce and the feed can show. */
    static final List<String> PHOTO_TYPES = List.of("image/jpeg", "image/png", "image/heic", "image/webp");

    @Documented
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = PhotoTypeValidator.class)
    @interface PhotoType {

        String message() default "must be one of: image/jpeg, image/png, image/heic, image/webp";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static class PhotoTypeValidator implements ConstraintValidator<PhotoType, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PHOTO_TYPES.contains(value);
        }
    }

    @Documented
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = UploadLimitValidator.class)
    @interface WithinUploadLimit {

        String message() default "is larger than the upload limit";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Built by Spring's validator factory, so the configured limit is injected. */
    static class UploadLimitValidator implements ConstraintValidator<WithinUploadLimit, Long> {

        private final long maxBytes;

        UploadLimitValidator(MediaProperties properties) {
            this.maxBytes = properties.maxBytes().toBytes();
        }

        @Override
        public boolean isValid(Long value, ConstraintValidatorContext context) {
            if (value == null || value <= maxBytes) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be at most " + maxBytes + " bytes")
                    .addConstraintViolation();
            return false;
        }
    }
}
