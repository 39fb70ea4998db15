package org.plugin.common.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Passes bytes through unchanged and fails on the first one that breaks well-formed UTF-8 (Unicode
 * table 3-7): overlong forms ({@code C0 AF} for '/'), encoded surrogates, code points past U+10FFFF,
 * stray continuation bytes, a sequence cut short. Jackson's own decoder accepts overlong forms and
 * surrogates, so without this {@code C0 AF} would be stored as '/'.
 */
public final class StrictUtf8InputStream extends FilterInputStream {

    /** The start of the detail every invalid byte gets; {@link JsonProblems} recognizes it. */
    public static final String MESSAGE = "Invalid UTF-8";

    private long offset;
    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** Allowed range of the next continuation byte (narrower right after E0, ED, F0, F4). */
    private int low = 0x80;
    private int high = 0xBF;

    public StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        int n = super.read(buffer, from, length);
        if (n < 0) {
            atEnd();
            return n;
        }
        for (int i = from; i < from + n; i++) {
            check(buffer[i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must be seen: skip by reading
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void atEnd() throws JsonParseException {
        if (pending > 0) {
            throw invalid("the body ends inside a multi-byte character");
        }
    }

    private void check(int b) throws JsonParseException {
        if (pending > 0) {
            if (b < low || b > high) {
                throw invalid("byte " + offset + " is not a valid continuation byte");
            }
            pending--;
            low = 0x80;
            high = 0xBF;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0; // no overlong three-byte forms
                } else if (b == 0xED) {
                    high = 0x9F; // no UTF-16 surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90; // no overlong four-byte forms
                } else if (b == 0xF4) {
                    high = 0x8F; // nothing past U+10FFFF
                }
            } else {
                throw invalid("byte " + offset + " cannot start a character");
            }
        }
        offset++;
    }

    private static JsonParseException invalid(String where) {
        return new JsonParseException((JsonParser) null, MESSAGE + ": " + where);
    }
}
