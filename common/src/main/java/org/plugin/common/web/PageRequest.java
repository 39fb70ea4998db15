package org.plugin.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?limit=&offset=} of every list endpoint, used with {@code @BeanParam @Valid}.
 * The parameters are read as text and validated, so {@code ?limit=abc} is a 400 naming the
 * parameter (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public class PageRequest {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 1_000_000;
    private static final String WHOLE_NUMBER = "[0-9]{1,9}";

    @QueryParam("limit")
    @DefaultValue("20")
    @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number")
    @Min(1)
    @Max(MAX_LIMIT)
    String limit = "20";

    @QueryParam("offset")
    @DefaultValue("0")
    @Pattern(regexp = WHOLE_NUMBER, message = "must be a whole number")
    @Min(0)
    @Max(MAX_OFFSET)
    String offset = "0";

    public PageRequest() {
    }

    public PageRequest(int limit, int offset) {
        this.limit = Integer.toString(limit);
        this.offset = Integer.toString(offset);
    }

    public int limit() {
        return Integer.parseInt(limit);
    }

    public int offset() {
        return Integer.parseInt(offset);
    }

    /** {@code limit} as the documents describe it, once, as a shared parameter ({@link ApiDocument}). */
    static org.eclipse.microprofile.openapi.models.parameters.Parameter limitParameter() {
        return paging("limit", "How many items one page holds", 1, MAX_LIMIT, 20);
    }

    /** {@code offset}: how many items of the sorted list come before the page (the previous page's nextOffset). */
    static org.eclipse.microprofile.openapi.models.parameters.Parameter offsetParameter() {
        return paging("offset", "How many items of the sorted list come before this page: 0, then the previous page's nextOffset",
                0, MAX_OFFSET, 0);
    }

    private static org.eclipse.microprofile.openapi.models.parameters.Parameter paging(String name, String description, int min, int max,
            int byDefault) {
        return org.eclipse.microprofile.openapi.OASFactory.createParameter().name(name)
                .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY).required(false).description(description)
                .schema(org.eclipse.microprofile.openapi.OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(min)).maximum(java.math.BigDecimal.valueOf(max)).defaultValue(byDefault))
                .example(byDefault);
    }
}
