package org.plugin.common.web;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.plugin.common.error.DomainException;

import com.fasterxml.jackson.core.JacksonException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkus.runtime.Startup;

/**
 * The last touch on every problem a resource raises: its {@link ProblemType} {@code type}, and in
 * {@code violations[]} the place of each failed constraint a client can act on ({@code "in":
 * "query"} for a query parameter, also one read through a {@code @BeanParam} such as
 * {@link PageRequest}: the problem extension calls those "body").
 */
@ApplicationScoped
@Startup
public class ProblemTyping implements ProblemPostProcessor {

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        var builder = HttpProblem.builder(problem).withType(type(problem, context.cause).uri());
        if (context.cause instanceof ConstraintViolationException e && problem.getParameters().get("violations") instanceof List<?> list) {
            builder.with("violations", relocated(list, places(e)));
        }
        return builder.build();
    }

    /** Runs after the extension's own post-processors (defaults, MDC), which keep what they find. */
    @Override
    public int priority() {
        return 0;
    }

    static ProblemType type(HttpProblem problem, Throwable cause) {
        int status = problem.getStatusCode();
        if (status != 400) {
            return ProblemType.of(status);
        }
        if (cause instanceof ConstraintViolationException || problem.getParameters().containsKey("violations")
                || cause instanceof DomainException d && d.kind() == DomainException.Kind.INVALID) {
            return ProblemType.VALIDATION;
        }
        if (cause instanceof JacksonException || cause != null && cause.getCause() instanceof JacksonException) {
            return ProblemType.MALFORMED_JSON;
        }
        return ProblemType.MALFORMED_REQUEST;
    }

    /** The violations as the extension wrote them, with {@code in} corrected where a parameter says where it is. */
    static List<Object> relocated(List<?> violations, Map<String, String> places) {
        List<Object> out = new ArrayList<>();
        for (Object v : violations) {
            if (v instanceof io.quarkiverse.resteasy.problem.validation.Violation violation) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("field", violation.field);
                m.put("in", places.getOrDefault(violation.field, violation.in));
                m.put("message", violation.message);
                out.add(m);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** Field name (as the extension reports it) to where it was sent, for parameters outside the body. */
    static Map<String, String> places(ConstraintViolationException e) {
        Map<String, String> places = new HashMap<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            // a @BeanParam validated as a bean of its own (Quarkus REST): its field says where it was sent
            String last = null;
            for (var node : v.getPropertyPath()) {
                last = node.getName();
            }
            Field declared = v.getLeafBean() == null || last == null ? null : field(v.getLeafBean().getClass(), last);
            if (declared != null) {
                place(declared.getAnnotation(QueryParam.class), declared.getAnnotation(PathParam.class),
                        declared.getAnnotation(HeaderParam.class), places);
            }
            Method method = null;
            Parameter parameter = null;
            for (var node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.METHOD) {
                    method = method(v.getRootBeanClass(), node.getName(),
                            node.as(jakarta.validation.Path.MethodNode.class).getParameterTypes());
                } else if (node.getKind() == ElementKind.PARAMETER && method != null) {
                    int index = node.as(jakarta.validation.Path.ParameterNode.class).getParameterIndex();
                    parameter = index < method.getParameterCount() ? method.getParameters()[index] : null;
                    if (parameter != null) {
                        place(parameter.getAnnotation(QueryParam.class), parameter.getAnnotation(PathParam.class),
                                parameter.getAnnotation(HeaderParam.class), places);
                    }
                } else if (node.getKind() == ElementKind.PROPERTY && parameter != null && parameter.isAnnotationPresent(BeanParam.class)) {
                    Field field = field(parameter.getType(), node.getName());
                    if (field != null) {
                        place(field.getAnnotation(QueryParam.class), field.getAnnotation(PathParam.class),
                                field.getAnnotation(HeaderParam.class), places);
                    }
                    break;
                }
            }
        }
        return places;
    }

    private static void place(QueryParam query, PathParam path, HeaderParam header, Map<String, String> places) {
        if (query != null) {
            places.put(query.value(), "query");
        } else if (path != null) {
            places.put(path.value(), "path");
        } else if (header != null) {
            places.put(header.value(), "header");
        }
    }

    private static Method method(Class<?> type, String name, List<Class<?>> parameterTypes) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameterTypes.toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                // a generated subclass: look in its parent
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        return null;
    }
}
