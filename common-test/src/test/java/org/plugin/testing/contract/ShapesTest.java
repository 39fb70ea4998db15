package org.plugin.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What each side's check lets through and what it refuses. */
class ShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final JsonNode RECORDED = json("""
            {'id':'{id}','accountName':'alice','status':'ACTIVE','restricted':false,'count':3,'at':'2026-11-02T09:15:00Z',
             'ref':'0b6f7c1e-2f4a-4d1b-9a3e-5c8d7e6f1a20','note':null,
             'entries':[{'event':'VERSION_PUBLISHED','seq':1}]}""");

    static final Map<String, String> VALUES = Map.of("id", "sub-42");

    @Nested
    class Provider {
        JsonNode answer(String replace, String with) {
            return json("""
                    {'id':'sub-42','accountName':'bob','status':'ACTIVE','restricted':true,'count':7,'at':'2027-01-01T00:00:00Z',
                     'ref':'5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c','note':'x','extra':1,
                     'entries':[{'event':'ATOM_CREATED','seq':1},{'event':'VERSION_PUBLISHED','seq':2}]}""".replace(replace, with));
        }

        @Test
        void sameTypesFormatsConstantsAndValuesPassWithMoreFields() {
            assertThat(Shapes.carries(RECORDED, answer("", ""), VALUES)).isEmpty();
        }

        @Test
        void aMissingFieldFails() {
            assertThat(Shapes.carries(RECORDED, answer("'accountName'", "'account'"), VALUES)).containsExactly("$.accountName is missing");
        }

        @Test
        void anotherTypeFails() {
            assertThat(Shapes.carries(RECORDED, answer("'restricted':true", "'restricted':'true'"), VALUES)).hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'count':7", "'count':7.5"), VALUES)).hasSize(1);
        }

        @Test
        void anotherFormatConstantOrPlaceholderValueFails() {
            assertThat(Shapes.carries(RECORDED, answer("'2027-01-01T00:00:00Z'", "'1 Jan 2027'"), VALUES)).hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c'", "'42'"), VALUES)).hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'status':'ACTIVE'", "'status':'ENABLED'"), VALUES)).hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'sub-42'", "'sub-43'"), VALUES)).hasSize(1);
        }

        @Test
        void arraysNeedElementsOfTheRecordedShapeAndOneWithItsConstants() {
            assertThat(Shapes.carries(RECORDED, answer("{'event':'ATOM_CREATED','seq':1},{'event':'VERSION_PUBLISHED','seq':2}", ""), VALUES))
                    .hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'event':'VERSION_PUBLISHED','seq':2", "'event':'VERSION_DEPRECATED','seq':2"), VALUES))
                    .hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("{'event':'ATOM_CREATED','seq':1}", "{'event':'ATOM_CREATED','seq':null}"), VALUES))
                    .as("null in another element").isEmpty();
            assertThat(Shapes.carries(RECORDED, answer("'event':'VERSION_PUBLISHED','seq':2", "'event':'VERSION_PUBLISHED','seq':null"), VALUES))
                    .as("null in the element with the recorded constants").hasSize(1);
            assertThat(Shapes.carries(RECORDED, answer("'seq':2", "'seq':'2'"), VALUES)).anyMatch(p -> p.startsWith("$.entries[1].seq is STRING"));
        }
    }

    @Nested
    class Consumer {
        @Test
        void readingExactlyTheRecordedFieldsPasses() {
            assertThat(Shapes.sameReading(json("{'a':'2026-11-02T09:15:00Z','b':[1,2],'c':null}"),
                    json("{'a':'2026-11-02T09:15:00.000Z','b':[1.0,2],'c':null}"))).isEmpty();
        }

        @Test
        void aFieldReadButNotRecordedOrRecordedButNotReadFails() {
            assertThat(Shapes.sameReading(json("{'a':1}"), json("{'a':1,'b':null}")))
                    .containsExactly("$.b is read by the consumer but not recorded");
            assertThat(Shapes.sameReading(json("{'a':1,'b':2}"), json("{'a':1}")))
                    .containsExactly("$.b is recorded but the consumer does not read it");
        }

        @Test
        void anotherValueFails() {
            assertThat(Shapes.sameReading(json("{'a':{'b':'x'}}"), json("{'a':{'b':'y'}}"))).hasSize(1);
        }
    }
}
