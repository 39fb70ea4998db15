package org.plugin.common.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The one JSON configuration of every service (request bodies and peers' answers alike):
 * <ul>
 * <li>a body is exactly one JSON document: a key twice ({@code {"stars":4,"stars":4}}), or anything
 * after the value ({@code {"body":"x"} garbage}, two documents) is refused;</li>
 * <li>bytes must be well-formed UTF-8 ({@link StrictUtf8InputStream}): an overlong {@code C0 AF} is
 * not read as '/';</li>
 * <li>values must have the type the field declares: {@code "firstName": 42} or
 * {@code "confidential": "yes"} are 400s naming the field, not silently converted.</li>
 * </ul>
 * Each refusal is a 400 problem from {@link JsonProblems}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setInputDecorator(new StrictUtf8());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    /** Byte input goes through the strict UTF-8 check; text that is already characters needs none. */
    static final class StrictUtf8 extends InputDecorator {

        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return new StrictUtf8InputStream(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] source, int offset, int length) {
            return new StrictUtf8InputStream(new java.io.ByteArrayInputStream(source, offset, length));
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) throws IOException {
            return reader;
        }
    }
}
