package io.prunegcrn.system;

/** An id that names nothing: HTTP 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String kind, String id) {
        super("no " + kind + " with id '" + id + "'");
    }
}
