package org.plugin.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.plugin.common.error.DomainException;

import com.fasterxml.jackson.core.JsonParseException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;

class ProblemTypingTest {

    static HttpProblem status(int status) {
        return HttpProblem.builder().withStatus(status).withTitle("t").build();
    }

    @Test
    void aStatusNamesItsKind() {
        assertThat(ProblemTyping.type(status(404), null)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemTyping.type(status(409), DomainException.conflict("x"))).isEqualTo(ProblemType.CONFLICT);
        assertThat(ProblemTyping.type(status(503), null).uri()).hasToString("urn:plugin:problem:unavailable");
    }

    @Test
    void a400IsValidationMalformedJsonOrAMalformedRequestByItsCause() {
        assertThat(ProblemTyping.type(status(400), DomainException.invalid("a chain link is broken"))).isEqualTo(ProblemType.VALIDATION);
        assertThat(ProblemTyping.type(status(400), new JsonParseException(null, "Unexpected end-of-input"))).isEqualTo(ProblemType.MALFORMED_JSON);
        assertThat(ProblemTyping.type(status(400), new jakarta.ws.rs.BadRequestException())).isEqualTo(ProblemType.MALFORMED_REQUEST);
        HttpProblem withViolations = HttpProblem.builder().withStatus(400).with("violations", List.of()).build();
        assertThat(ProblemTyping.type(withViolations, null)).isEqualTo(ProblemType.VALIDATION);
    }

    public static class Paging {
        @QueryParam("limit")
        @Max(10)
        int limit = 20;
    }

    public static class Resource {
        public void list(@BeanParam @jakarta.validation.Valid Paging page, @QueryParam("q") @jakarta.validation.constraints.Size(max = 1) String q) {
        }
    }

    @Test
    void aQueryParameterIsReportedInTheQueryAlsoThroughABeanParam() throws Exception {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        var method = Resource.class.getMethod("list", Paging.class, String.class);
        var parameterViolations = validator.forExecutables().validateParameters(new Resource(), method, new Object[] { new Paging(), "too long" });
        assertThat(parameterViolations).hasSize(2);
        Map<String, String> places = ProblemTyping.places(new ConstraintViolationException(Set.copyOf(parameterViolations)));
        assertThat(places).containsOnly(Map.entry("q", "query"), Map.entry("limit", "query"));

        List<Object> relocated = ProblemTyping.relocated(List.of(Violation.In.body.field("q").message("size must be at most 1"),
                Violation.In.body.field("name").message("must not be blank")), places);
        assertThat(relocated).containsExactly(Map.of("field", "q", "in", "query", "message", "size must be at most 1"),
                Map.of("field", "name", "in", "body", "message", "must not be blank"));
    }
}
