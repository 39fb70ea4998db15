package org.plugin.contributor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.plugin.common.error.DomainException;

/** Asserts that a service refused in the domain's words: the kind (one status each) and the detail answered. */
public final class Refusals {

    private Refusals() {
    }

    public static void assertRefused(ThrowingCallable call, DomainException.Kind kind, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }
}
