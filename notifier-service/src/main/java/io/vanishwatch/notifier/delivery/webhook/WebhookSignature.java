package io.vanishwatch.notifier.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook body so the receiver knows it came from us and is fresh: {@code X-Vanishwatch-Signature: v1=<hex
 * HMAC-SHA256 of "timestamp.body">} with {@code X-Vanishwatch-Timestamp} in Unix seconds. A receiver recomputes the
 * HMAC over the raw body, compares in constant time and refuses timestamps older than a few minutes (replay).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Vanishwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Vanishwatch-Signature";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The {@link #TIMESTAMP_HEADER} value for {@code now}. */
    public static String timestamp(Instant now) {
        return Long.toString(now.getEpochSecond());
    }

    /** The {@link #SIGNATURE_HEADER} value: {@code v1=} and the hex HMAC of {@code timestamp + "." + body}. */
    public String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
