package io.vanishwatch.collector.imap;

import java.time.Instant;

/**
 * What a session's TLS came to: the protocol version and the server certificate it was accepted with, so that a
 * check can show what the watch will trust.
 *
 * @param protocol the negotiated version, e.g. {@code TLSv1.3}
 * @param subject  the server certificate's subject (RFC 2253)
 * @param issuer   its issuer (RFC 2253)
 * @param notAfter when it expires
 */
public record TlsDetails(String protocol, String subject, String issuer, Instant notAfter) {
}
