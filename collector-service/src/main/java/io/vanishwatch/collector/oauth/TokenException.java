package io.vanishwatch.collector.oauth;

/**
 * No access token could be had; the message names the token endpoint or command and what went wrong, never a secret.
 */
public class TokenException extends Exception {

    private final boolean refused;

    /**
     * @param refused true when the identity service refused the grant (a revoked or expired refresh token, a wrong
     *                client secret): only an admin can fix it; false when it could not be reached, which may pass
     */
    public TokenException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    public TokenException(String message, boolean refused) {
        this(message, refused, null);
    }

    public boolean refused() {
        return refused;
    }
}
