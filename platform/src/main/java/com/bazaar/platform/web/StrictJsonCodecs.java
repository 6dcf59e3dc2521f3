package com.bazaar.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Request bodies are read by a stricter copy of the application's ObjectMapper than the one the rest of the app
 * (Axon's serializer, Mongo) uses: a number or boolean is not a string ({@code "displayName": 123} is refused, not
 * read as {@code "123"}), and a string must be well-formed Unicode. A lone surrogate ({@code "\ud800"}) is legal
 * JSON but not text: password hashing and UTF-8 encoders fail on it (a 500), and stored it would come back as
 * {@code ?}. Only the HTTP decoder is strict, so events already stored are read exactly as before.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonCodecs {

    /** After Spring Boot's own Jackson codec customizer (order 0), which it replaces for decoding. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictJsonDecoder(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy();
        for (CoercionInputShape scalar : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        strict.registerModule(new SimpleModule("well-formed-strings")
                .addDeserializer(String.class, new WellFormedStringDeserializer()));
        return configurer -> configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }

    static final class WellFormedStringDeserializer extends StdScalarDeserializer<String> {

        WellFormedStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && hasLoneSurrogate(value)) {
                InvalidFormatException invalid =
                        InvalidFormatException.from(parser, "String with a lone surrogate", value, String.class);
                // ProblemDetailsHandler shows the cause's message as the field's message.
                invalid.initCause(new IllegalArgumentException("must be well-formed Unicode text"));
                throw invalid;
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        private static boolean hasLoneSurrogate(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
