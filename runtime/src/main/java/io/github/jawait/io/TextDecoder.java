package io.github.jawait.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Text that arrives as bytes in pieces of any size (file reads, HTTP body chunks): decodes each
 * piece as far as it can, keeps a multi-byte character split across two pieces until the rest
 * comes, and hands the text out as lines or counts of chars. Malformed or unmappable input is
 * an error ({@link CharacterCodingException}), as in {@code Files.readString}; nothing is
 * replaced silently. Lines end at {@code \n}, {@code \r\n} or {@code \r}, as in
 * {@code BufferedReader.readLine}, and are returned without their terminator.
 */
final class TextDecoder {
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final CharBuffer out = CharBuffer.allocate(4096);
    /** Bytes of a character not complete yet (split across pieces). */
    private byte[] tail = new byte[8];
    private int tailLength;
    /** Decoded text; the chars before {@link #start} were handed out already. */
    private final StringBuilder text = new StringBuilder();
    private int start;

    TextDecoder(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    Charset charset() {
        return charset;
    }

    /** Decodes {@code len} bytes at {@code off}; an incomplete character at the end waits for the next piece. */
    void feed(byte[] bytes, int off, int len) throws CharacterCodingException {
        // first complete a character left over from the previous piece, one byte at a time
        while (tailLength > 0 && len > 0) {
            if (tailLength == tail.length) {
                tail = Arrays.copyOf(tail, tail.length * 2);
            }
            tail[tailLength++] = bytes[off++];
            len--;
            ByteBuffer t = ByteBuffer.wrap(tail, 0, tailLength);
            decode(t, false);
            keepTail(t);
        }
        if (len > 0) {
            ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
            decode(in, false);
            keepTail(in);
        }
    }

    /** {@link #feed(byte[], int, int)} for a buffer, which is consumed. */
    void feed(ByteBuffer bytes) throws CharacterCodingException {
        if (bytes.hasArray()) {
            feed(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            feed(copy, 0, copy.length);
        }
    }

    /**
     * The input ended: a character still incomplete is malformed input. The decoder is reset,
     * so more input may follow (a file that grew).
     */
    void endOfInput() throws CharacterCodingException {
        ByteBuffer t = ByteBuffer.wrap(tail, 0, tailLength);
        decode(t, true);
        tailLength = 0;
        for (CoderResult r = decoder.flush(out); ; r = decoder.flush(out)) {
            drainOut();
            if (r.isUnderflow()) {
                break;
            }
        }
        decoder.reset();
    }

    private void decode(ByteBuffer in, boolean endOfInput) throws CharacterCodingException {
        while (true) {
            CoderResult r = decoder.decode(in, out, endOfInput);
            drainOut();
            if (r.isUnderflow()) {
                return;
            }
            if (r.isError()) {
                r.throwException();
            }
            // overflow: out was drained, go on
        }
    }

    private void drainOut() {
        out.flip();
        text.append(out);
        out.clear();
    }

    private void keepTail(ByteBuffer in) {
        int n = in.remaining();
        if (n > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(n, tail.length * 2));
        }
        in.get(tail, 0, n); // may overlap the tail itself: get copies forward, which is safe here
        tailLength = n;
    }

    /** Chars decoded and not handed out yet. */
    int available() {
        return text.length() - start;
    }

    /** Bytes held for a character not complete yet. */
    int undecodedBytes() {
        return tailLength;
    }

    /**
     * How many bytes the decoded chars not handed out yet came from, found by encoding them
     * again: exact for charsets whose encoding of decoded text gives the same bytes back
     * (UTF-8, ISO-8859-1, US-ASCII, UTF-16BE/LE...).
     */
    long bufferedTextBytes() throws CharacterCodingException {
        if (available() == 0) {
            return 0;
        }
        return charset.newEncoder().encode(CharBuffer.wrap(text, start, text.length())).remaining();
    }

    /**
     * The next line without its terminator, or null when no complete line is buffered yet. At
     * the end of input ({@code atEnd}) the rest counts as a line, and null means nothing is left.
     */
    String takeLine(boolean atEnd) {
        int n = text.length();
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return cut(i, i + 1);
            }
            if (c == '\r') {
                if (i + 1 < n) {
                    return cut(i, text.charAt(i + 1) == '\n' ? i + 2 : i + 1);
                }
                if (atEnd) {
                    return cut(i, i + 1);
                }
                return null; // a '\n' may follow in the next piece
            }
        }
        return atEnd && start < n ? cut(n, n) : null;
    }

    /** Up to {@code count} chars. */
    String take(int count) {
        int end = start + Math.min(count, available());
        return cut(end, end);
    }

    /** All chars buffered. */
    String takeAll() {
        int n = text.length();
        return cut(n, n);
    }

    /** Hands out text[start, end) and moves past {@code next}. */
    private String cut(int end, int next) {
        String s = text.substring(start, end);
        start = next;
        if (start == text.length()) {
            text.setLength(0);
            start = 0;
        } else if (start > 8192 && start > text.length() / 2) {
            text.delete(0, start);
            start = 0;
        }
        return s;
    }

    /** Forgets everything buffered (after a seek). */
    void clear() {
        text.setLength(0);
        start = 0;
        tailLength = 0;
        decoder.reset();
    }
}
