package io.vanishwatch.collector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.vanishwatch.collector.oauth.RefreshTokenGrant;
import io.vanishwatch.collector.oauth.TokenCommand;
import io.vanishwatch.collector.oauth.TokenSource;

/** Checks an account's {@code oauth2.*} keys and makes its token source: the refresh grant, or a token command. */
final class OAuth2Settings {

    private OAuth2Settings() {
    }

    /** Whether any {@code oauth2.*} key is set. */
    static boolean given(CollectorConfig.OAuth2 oauth2) {
        return oauth2.tokenUrl().isPresent() || oauth2.clientId().isPresent() || oauth2.clientSecret().isPresent()
                || oauth2.clientSecretEnv().isPresent() || oauth2.clientSecretFile().isPresent()
                || oauth2.refreshToken().isPresent() || oauth2.refreshTokenEnv().isPresent()
                || oauth2.refreshTokenFile().isPresent() || oauth2.scope().isPresent()
                || oauth2.tokenCommand().isPresent();
    }

    /**
     * The token source the keys under {@code key} ({@code ...accounts.<id>.oauth2.}) describe; adds each problem as
     * "key: reason", never with a secret.
     */
    static Optional<TokenSource> tokens(String key, CollectorConfig.OAuth2 oauth2, UnaryOperator<String> environment,
                                        List<String> problems) {
        int before = problems.size();
        Optional<String> command = oauth2.tokenCommand().filter(c -> !c.isBlank());
        Optional<String> tokenUrl = oauth2.tokenUrl().filter(u -> !u.isBlank());
        if (command.isPresent()) {
            if (tokenUrl.isPresent() || oauth2.refreshToken().isPresent() || oauth2.refreshTokenEnv().isPresent()
                    || oauth2.refreshTokenFile().isPresent()) {
                problems.add(key + "token-command: give either token-command or token-url with a refresh token,"
                        + " not both");
                return Optional.empty();
            }
            return Optional.of(new TokenCommand(command.get(), Clock.systemUTC()));
        }
        if (tokenUrl.isEmpty()) {
            problems.add(key + "token-url: with auth=XOAUTH2 or OAUTHBEARER, set token-url (with client-id and a"
                    + " refresh token) or token-command");
            return Optional.empty();
        }
        URI url = null;
        try {
            url = new URI(tokenUrl.get().trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = "127.0.0.1".equals(url.getHost()) || "localhost".equals(url.getHost());
            if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
                problems.add(key + "token-url: '" + tokenUrl.get() + "' is not an https URL (plain http only to"
                        + " 127.0.0.1 or localhost)");
            }
        } catch (URISyntaxException e) {
            problems.add(key + "token-url: '" + tokenUrl.get() + "' is not a URL (" + e.getReason() + ")");
        }
        String clientId = oauth2.clientId().filter(c -> !c.isBlank()).map(String::trim).orElse(null);
        if (clientId == null) {
            problems.add(key + "client-id: is required with token-url (the id of the app registered with the"
                    + " provider)");
        }
        Optional<Password> clientSecret = CollectorSettings.secret(key, "client-secret", oauth2.clientSecret(),
                oauth2.clientSecretEnv(), oauth2.clientSecretFile(), environment, problems, false);
        Optional<Password> refreshToken = CollectorSettings.secret(key, "refresh-token", oauth2.refreshToken(),
                oauth2.refreshTokenEnv(), oauth2.refreshTokenFile(), environment, problems, true);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RefreshTokenGrant(url, clientId, clientSecret, refreshToken.orElseThrow(),
                oauth2.refreshTokenFile().map(Path::of), oauth2.scope().filter(s -> !s.isBlank()).map(String::trim),
                Clock.systemUTC()));
    }
}
