package io.prunegcrn.security;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some malformed requests itself (a NUL or an encoded slash in the path) before any filter runs, and
 * would answer with its HTML error page. This valve answers those with a problem detail like every other error.
 * It writes only where nothing else has: errors of the application are rendered by Spring as before.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":" + status
                    + ",\"detail\":\"the server refused the request before reading it (malformed path or headers)\"}");
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response can no longer be written: nothing left to tell it
        }
    }
}
