package io.prunegcrn.system;

/** The resource exists but not in the representation asked for (a map export of sensors without coordinates): HTTP 406. */
public class NotAcceptableException extends RuntimeException {

    public NotAcceptableException(String message) {
        super(message);
    }
}
