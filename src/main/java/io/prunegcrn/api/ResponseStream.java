package io.prunegcrn.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A response written while it is computed (backtests): text or one JSON object a line ({@code application/x-ndjson}),
 * flushed when the caller has something worth showing, such as progress. A client that goes away ends the work with
 * an {@link UncheckedIOException}.
 */
public final class ResponseStream implements AutoCloseable {

    public static final String NDJSON = "application/x-ndjson";
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final Writer out;

    private ResponseStream(Writer out) {
        this.out = out;
    }

    public static ResponseStream open(HttpServletResponse response, String contentType) throws IOException {
        response.setContentType(contentType);
        response.setHeader(SseHeartbeats.NO_BUFFERING, "no"); // progress lines reach the client through nginx at once
        return new ResponseStream(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16));
    }

    /** One NDJSON line: {@code {"type": type, ...fields}}. */
    public void line(String type, Map<String, ?> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", type);
        record.putAll(fields);
        text(JSON.writeValueAsString(record) + "\n");
    }

    public void text(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The caller closed the connection: the work stops; nothing is left to answer, and it is no server error. */
    public static final class ClientGone extends UncheckedIOException {
        ClientGone(IOException cause) {
            super("the client went away", cause);
        }
    }
}
