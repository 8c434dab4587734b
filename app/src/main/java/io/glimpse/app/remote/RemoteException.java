package io.glimpse.app.remote;

/** A remote endpoint could not be reached or refused a request; the message is for the user as is. */
public final class RemoteException extends Exception {
    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
