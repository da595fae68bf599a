package io.pharos.engine.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that hands out every good character before it reports malformed bytes,
 * unlike {@link java.io.InputStreamReader}, which drops the characters decoded in the failing
 * read: so the error can name the line that holds the bad bytes.
 */
final class Utf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final char[] pair = new char[2];
    private int pairPos = 2;
    private boolean eof;
    private MalformedInputException error;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (len == 1 || pairPos < 2) {
            return readThroughPair(cbuf, off);
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (error != null) {
                throw error;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                error = new MalformedInputException(result.length());
            } else if (result.isUnderflow()) {
                if (eof) {
                    return -1;
                }
                refill();
            }
        }
        return out.position() - off;
    }

    /** A caller asking for one char may meet a surrogate pair: decode two, hand out one at a time. */
    private int readThroughPair(char[] cbuf, int off) throws IOException {
        if (pairPos >= 2) {
            int n = read(pair, 0, 2);
            if (n < 0) {
                return -1;
            }
            pairPos = 2 - n;
            if (n == 1) {
                pair[1] = pair[0];
            }
        }
        cbuf[off] = pair[pairPos++];
        return 1;
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
