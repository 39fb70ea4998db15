package org.plugin.common.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?limit=&offset=} of every list endpoint, used with {@code @BeanParam @Valid}. */
public class PageRequest {

    public static final int MAX_LIMIT = 100;

    @QueryParam("limit")
    @DefaultValue("20")
    @Min(1)
    @Max(MAX_LIMIT)
    int limit = 20;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(0)
    @Max(1_000_000)
    int offset;

    public PageRequest() {
    }

    public PageRequest(int limit, int offset) {
        this.limit = limit;
        this.offset = offset;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }
}
