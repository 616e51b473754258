package io.prunegcrn.system;

/** A request that conflicts with the current state (exists already, in use, already finished): HTTP 409. */
public class ResourceConflictException extends RuntimeException {

    public ResourceConflictException(String message) {
        super(message);
    }
}
