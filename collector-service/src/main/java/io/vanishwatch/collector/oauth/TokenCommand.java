package io.vanishwatch.collector.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens from a command the admin supplies (run with {@code /bin/sh -c}), for flows the collector does not
 * run itself: a device-code login kept by another tool, a cloud managed identity. The command prints the token, or a
 * JSON object with {@code access_token} and {@code expires_in} (seconds); only then is the token reused until shortly
 * before it expires, else the command runs at every login.
 */
public final class TokenCommand extends CachingTokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String command;

    public TokenCommand(String command, Clock clock) {
        super(clock);
        this.command = command;
    }

    @Override
    protected AccessToken fetch() throws TokenException {
        Instant asked = clock().instant();
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new TokenException("the token command cannot be started (" + e.getMessage() + ")", false, e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String output = read(process.getInputStream()).trim();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new TokenException("the token command did not finish within " + TIMEOUT.toSeconds() + " s",
                        false);
            }
            if (process.exitValue() != 0) {
                throw new TokenException("the token command exited with " + process.exitValue()
                        + firstLine(errors.join()), true);
            }
            return parse(output, asked);
        } catch (IOException e) {
            throw new TokenException("cannot read the token command's output (" + e.getMessage() + ")", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted while the token command ran", false, e);
        } finally {
            process.destroy();
        }
    }

    private static AccessToken parse(String output, Instant asked) throws TokenException {
        if (output.isEmpty()) {
            throw new TokenException("the token command printed nothing", true);
        }
        if (!output.startsWith("{")) {
            return new AccessToken(output.lines().findFirst().orElse("").trim(), Optional.empty());
        }
        JsonNode json;
        try {
            json = JSON.readTree(output);
        } catch (IOException e) {
            // the parser's message would quote the output, which may hold a token
            throw new TokenException("the token command printed something that is neither a token nor JSON", true);
        }
        String token = json.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new TokenException("the token command printed JSON without access_token", true);
        }
        Optional<Instant> expiresAt = json.hasNonNull("expires_in")
                ? Optional.of(asked.plusSeconds(json.get("expires_in").asLong())) : Optional.empty();
        return new AccessToken(token, expiresAt);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first line of what the command said on stderr, shortened: enough to tell why, never its whole output. */
    private static String firstLine(String errors) {
        String line = errors.strip().lines().findFirst().orElse("");
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
    }

    @Override
    public String toString() {
        return "token command";
    }
}
