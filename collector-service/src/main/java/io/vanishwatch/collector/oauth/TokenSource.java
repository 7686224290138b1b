package io.vanishwatch.collector.oauth;

/**
 * Where an account's XOAUTH2 access tokens come from: the OAuth2 refresh grant against the provider's token endpoint,
 * or a command the admin supplies. A token is reused until shortly before it expires, and dropped when the server
 * refuses it, so that the next login gets a fresh one.
 */
public interface TokenSource {

    /** A token that is not about to expire, fetched now if the last one is. */
    AccessToken token() throws TokenException;

    /** The server refused {@code token} (revoked, say): the next {@link #token()} gets a new one. */
    void invalidate(AccessToken token);
}
