package io.prunegcrn.api;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.prunegcrn.dataset.DatasetFormatException;
import io.prunegcrn.system.NotAcceptableException;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;

/** Turns every error into an RFC 9457 problem detail; nothing a client sends yields a 500 with internals. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ResourceConflictException.class)
    ProblemDetail conflict(ResourceConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(NotAcceptableException.class)
    ProblemDetail notAcceptable(NotAcceptableException e) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", e.getMessage());
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(QueueFullException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Queue full", e.getMessage()));
    }

    @ExceptionHandler(DatasetFormatException.class)
    ProblemDetail badData(DatasetFormatException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid dataset file", e.getMessage());
        p.setProperty("file", e.file());
        if (e.line() > 0) {
            p.setProperty("line", e.line());
        }
        return p;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z.]+")) {
            p.setProperty("field", message.substring(0, colon));
        }
        return p;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                e.getName() + ": '" + e.getValue() + "' is not a valid value");
        p.setProperty("field", e.getName());
        return p;
    }

    @ExceptionHandler(ResponseStream.ClientGone.class)
    void clientGone(ResponseStream.ClientGone e) {
        log.debug("a streamed answer stopped: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request could not be completed; see the service log");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        FieldError first = ex.getBindingResult().getFieldError();
        String field = first == null ? "body" : first.getField();
        String message = first == null ? "invalid request body" : field + ": " + first.getDefaultMessage();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", message);
        p.setProperty("field", field);
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(HttpStatus.PAYLOAD_TOO_LARGE,
                "Upload too large", "the upload exceeds the limit (spring.servlet.multipart.max-file-size)"));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        return p;
    }
}
