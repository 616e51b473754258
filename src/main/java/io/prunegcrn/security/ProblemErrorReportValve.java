package io.prunegcrn.security;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some malformed requests itself (a NUL or an encoded slash in the path) before any filter runs, and
 * would answer with its HTML error page. This valve answers those with a problem detail like every other error.
 * It writes only where nothing else has: errors of the application are rendered by Spring as before. Public, with
 * the implicit public constructor: Tomcat instantiates the host's error report valve by class name.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        try {
            SecurityProblems.write(response, status, known == null ? "Error" : known.getReasonPhrase(),
                    "the server refused the request before reading it (malformed path or headers)");
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response can no longer be written: nothing left to tell it
        }
    }
}
