package io.prunegcrn.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import tools.jackson.databind.json.JsonMapper;

/**
 * Safe retries of the POSTs that create something ({@code /training-jobs}, {@code /sweeps}, {@code /datasets}): a
 * request with an {@code Idempotency-Key} header runs once; the same key with the same body answers the first 2xx
 * answer again (status, Location, body; header {@code Idempotent-Replayed: true}); the same key with another body is
 * 422; while the first still runs, 409. The body is compared by its SHA-256: the raw bytes of a JSON body, the names,
 * file names and contents of a multipart upload's parts (a client's multipart boundary differs between retries). Only
 * 2xx answers are kept (a 400 or 429 may be retried with the key). Registered after Spring Security
 * ({@link IdempotencyConfiguration}), so a request without a valid API key never reaches it.
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> PATHS = Set.of("/api/v1/training-jobs", "/api/v1/sweeps", "/api/v1/datasets");
    /** JSON bodies of these endpoints are a few hundred bytes; the cap keeps a key from buffering anything large. */
    private static final int MAX_JSON_BODY = 1 << 20;

    private final IdempotentResponses responses;
    private final JsonMapper json;

    IdempotencyKeyFilter(IdempotentResponses responses, JsonMapper json) {
        this.responses = responses;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            problem(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    HEADER + ": must be 1 to 255 visible ASCII characters (a UUID, say)", HEADER);
            return;
        }
        HttpServletRequest body;
        String fingerprint;
        if (isMultipart(request)) {
            body = request;
            try {
                fingerprint = multipartFingerprint(request);
            } catch (IllegalStateException tooLarge) {
                // Tomcat's size limits (spring.servlet.multipart.*), met here before the dispatcher could answer 413
                problem(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large",
                        "the upload exceeds the limit (spring.servlet.multipart.max-file-size)", null);
                return;
            } catch (ServletException malformed) {
                problem(request, response, HttpStatus.BAD_REQUEST, "Invalid request", "not a valid multipart body", null);
                return;
            }
        } else {
            if (request.getContentLengthLong() > MAX_JSON_BODY) {
                problem(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "a request with " + HEADER
                        + " may have at most " + MAX_JSON_BODY + " bytes", null);
                return;
            }
            byte[] bytes = request.getInputStream().readNBytes(MAX_JSON_BODY + 1);
            if (bytes.length > MAX_JSON_BODY) {
                problem(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "a request with " + HEADER
                        + " may have at most " + MAX_JSON_BODY + " bytes", null);
                return;
            }
            body = new CachedBody(request, bytes);
            fingerprint = sha256(digest -> digest.update(bytes));
        }
        // the key is the client's, per operation: the same key on another endpoint is another request
        String slot = sha256(digest -> digest.update((request.getRequestURI() + "\n" + key).getBytes(StandardCharsets.UTF_8)));
        if (answeredBefore(request, response, slot, fingerprint)) {
            return;
        }
        if (!responses.claim(slot)) {
            if (!answeredBefore(request, response, slot, fingerprint)) {
                problem(request, response, HttpStatus.CONFLICT, "Request in progress",
                        "a request with this " + HEADER + " is still running; retry when it has answered", HEADER);
            }
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(body, captured);
            if (HttpStatus.valueOf(captured.getStatus()).is2xxSuccessful()) {
                responses.complete(slot, new IdempotentResponses.Stored(fingerprint, captured.getStatus(),
                        captured.getHeader(HttpHeaders.LOCATION), captured.getContentType(),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8), Instant.now()));
                kept = true;
            }
        } finally {
            if (!kept) {
                responses.release(slot);
            }
            captured.copyBodyToResponse();
        }
    }

    /** Answers from the stored first answer (or 422 for another body); false when the slot has none. */
    private boolean answeredBefore(HttpServletRequest request, HttpServletResponse response, String slot, String fingerprint)
            throws IOException {
        Optional<IdempotentResponses.Stored> stored = responses.find(slot);
        if (stored.isEmpty()) {
            return false;
        }
        IdempotentResponses.Stored first = stored.get();
        if (!first.fingerprint().equals(fingerprint)) {
            problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                    "this " + HEADER + " was sent before with another request body; use a new key for a new request", HEADER);
            return true;
        }
        response.setStatus(first.status());
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(first.body().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        return request.getContentType() != null && request.getContentType().toLowerCase().startsWith("multipart/");
    }

    /** Every part's name, file name and content in the order sent: what the upload is, whatever its boundary. */
    private static String multipartFingerprint(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = newDigest();
        for (Part part : request.getParts()) {
            digest.update((part.getName() + "\u0000" + part.getSubmittedFileName() + "\u0000").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = part.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private interface Feed {
        void into(MessageDigest digest);
    }

    private static String sha256(Feed feed) {
        MessageDigest digest = newDigest();
        feed.into(digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem detail, shaped as the exception handler's (a filter runs outside it). */
    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail,
            String field) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (field != null) {
            body.put("field", field);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** The request with its body read once into memory, so that the controller reads the same bytes. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] bytes;

        CachedBody(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }
}
