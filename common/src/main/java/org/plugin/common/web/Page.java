package org.plugin.common.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list. Lists are sorted deterministically; {@code total} counts every match and
 * {@code nextOffset} is null on the last page (always sent, so a loop on {@code nextOffset !== null} ends).
 */
public record Page<T>(List<T> items, long total, int limit, int offset, @Schema(nullable = true) Integer nextOffset) {

    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        int next = request.offset() + items.size();
        return new Page<>(items, total, request.limit(), request.offset(), next < total && !items.isEmpty() ? next : null);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, limit, offset, nextOffset);
    }
}
