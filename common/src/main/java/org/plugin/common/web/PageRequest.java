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
    @Max(1_000_000)
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
}
