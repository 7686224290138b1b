package io.vanishwatch.collector.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.util.MailLogger;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.config.TrustStore;
import io.vanishwatch.collector.oauth.AccessToken;
import io.vanishwatch.collector.oauth.TokenException;
import io.vanishwatch.collector.oauth.TokenLogin;
import io.vanishwatch.collector.oauth.TokenSource;

/**
 * Opens IMAP sessions with Angus Mail's protocol engine: implicit TLS or STARTTLS with certificate and host-name
 * checks unless the account turns them off, then login, then IMAP ID so that the server's logs can tell the watcher
 * from the devices. One call is one connection: nothing is pooled behind the watcher's back.
 */
public class AngusImapConnector implements ImapConnector {

    /** How the watcher names its connections (IMAP ID). */
    public static final Map<String, String> CLIENT_ID = Map.of("name", "Vanishwatch", "vendor", "Vanishwatch");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final MailLogger QUIET = new MailLogger(AngusImapConnector.class, "DEBUG IMAP", false, System.out);

    private final Duration longestWait;
    private final ScheduledExecutorService timer;

    /**
     * @param longestWait the longest wait the watcher asks for; reads time out a little after it, so that a dead
     *                    connection is noticed
     * @param timer       ends an IDLE when its time is up
     */
    public AngusImapConnector(Duration longestWait, ScheduledExecutorService timer) {
        this.longestWait = longestWait;
        this.timer = timer;
    }

    @Override
    public ImapSession open(AccountSettings account) throws MailboxException {
        boolean implicitTls = account.security() == Security.TLS;
        String name = implicitTls ? "imaps" : "imap";
        OAuthBearerProtocol protocol;
        RecordingSocketFactory tls = tlsSocketFactory(account);
        try {
            protocol = new OAuthBearerProtocol(name, account.host(), account.port(), properties(account, name, tls),
                    implicitTls, QUIET);
        } catch (IOException | ProtocolException e) {
            throw ImapFailures.connect(e, account);
        }
        try {
            secure(protocol, account);
            login(protocol, account);
            if (protocol.hasCapability("ID")) {
                protocol.id(CLIENT_ID);
            }
            return new AngusImapSession(protocol, timer, tls == null ? Optional.empty() : tls.details());
        } catch (MailboxException e) {
            protocol.disconnect();
            throw e;
        } catch (ProtocolException e) {
            protocol.disconnect();
            throw e instanceof ConnectionException ? ImapFailures.connect(e, account)
                    : ImapFailures.of("after login", e);
        } catch (RuntimeException e) {
            protocol.disconnect();
            throw ImapFailures.connect(e, account);
        }
    }

    private static void secure(OAuthBearerProtocol protocol, AccountSettings account) throws MailboxException {
        if (account.security() != Security.STARTTLS) {
            return;
        }
        if (!protocol.hasCapability("STARTTLS")) {
            throw new MailboxException(MailboxException.Failure.TLS_FAILED,
                    "the server does not offer STARTTLS; set security=TLS for port 993, or PLAIN to go without TLS");
        }
        try {
            protocol.startTLS();
            protocol.capability();
        } catch (ProtocolException e) {
            throw ImapFailures.connect(e, account);
        }
    }

    private static void login(OAuthBearerProtocol protocol, AccountSettings account) throws MailboxException {
        if (account.oauth2().isPresent()) {
            loginWithToken(protocol, account, account.oauth2().get());
            return;
        }
        String password = account.password().reveal();
        try {
            if (protocol.hasCapability("AUTH=PLAIN")) {
                protocol.authplain(null, account.username(), password);
            } else if (!protocol.hasCapability("LOGINDISABLED")) {
                protocol.login(account.username(), password);
            } else {
                throw new MailboxException(MailboxException.Failure.AUTH_FAILED,
                        "the server accepts neither AUTH=PLAIN nor LOGIN on this connection (LOGINDISABLED)");
            }
            protocol.capability();
        } catch (CommandFailedException e) {
            throw ImapFailures.authentication(e);
        } catch (ProtocolException e) {
            throw e instanceof ConnectionException ? ImapFailures.connect(e, account) : ImapFailures.authentication(e);
        }
    }

    /**
     * SASL XOAUTH2 or OAUTHBEARER with the token source's current token; when the server refuses it (revoked, expired
     * early), once more with a new one, so that a revoked token costs no failed watch when a new one can be had.
     */
    private static void loginWithToken(OAuthBearerProtocol protocol, AccountSettings account, TokenLogin login)
            throws MailboxException {
        TokenLogin.Mechanism mechanism = login.mechanism();
        if (!protocol.hasCapability(mechanism.capability())) {
            throw new MailboxException(MailboxException.Failure.AUTH_FAILED, "the server does not offer "
                    + mechanism.capability() + " on this connection; set auth to a mechanism it offers, or check"
                    + " security");
        }
        TokenSource tokens = login.tokens();
        AccessToken token = token(tokens);
        try {
            try {
                authenticate(protocol, account, mechanism, token);
            } catch (CommandFailedException refused) {
                tokens.invalidate(token);
                AccessToken fresh = token(tokens);
                if (fresh.value().equals(token.value())) {
                    throw refused;
                }
                authenticate(protocol, account, mechanism, fresh);
            }
            protocol.capability();
        } catch (CommandFailedException e) {
            MailboxException failure = ImapFailures.authentication(e);
            if (failure.failure() != MailboxException.Failure.AUTH_FAILED) {
                throw failure;
            }
            throw new MailboxException(failure.failure(), failure.getMessage() + " (" + mechanism + " with a freshly"
                    + " issued access token: is IMAP allowed for the user, and the app granted the IMAP scope?)", e);
        } catch (ProtocolException e) {
            throw e instanceof ConnectionException ? ImapFailures.connect(e, account) : ImapFailures.authentication(e);
        }
    }

    private static void authenticate(OAuthBearerProtocol protocol, AccountSettings account,
                                     TokenLogin.Mechanism mechanism, AccessToken token) throws ProtocolException {
        if (mechanism == TokenLogin.Mechanism.OAUTHBEARER) {
            protocol.authOAuthBearer(account.username(), account.host(), account.port(), token.value());
        } else {
            protocol.authoauth2(account.username(), token.value());
        }
    }

    private static AccessToken token(TokenSource tokens) throws MailboxException {
        try {
            return tokens.token();
        } catch (TokenException e) {
            throw new MailboxException(e.refused() ? MailboxException.Failure.AUTH_FAILED
                    : MailboxException.Failure.UNREACHABLE, "no OAuth2 access token: " + e.getMessage(), e);
        }
    }

    /**
     * The factory of this connection's TLS socket when certificates are checked: the trust store's, else the JDK's
     * default (which Angus Mail would take itself), wrapped to keep the socket for {@link ImapSession#tls()}.
     */
    private static RecordingSocketFactory tlsSocketFactory(AccountSettings account) {
        if (account.security() == Security.PLAIN || !account.verifyCertificates()) {
            return null;
        }
        return new RecordingSocketFactory(account.trustStore().map(TrustStore::socketFactory)
                .orElseGet(() -> (SSLSocketFactory) SSLSocketFactory.getDefault()));
    }

    private Properties properties(AccountSettings account, String name, RecordingSocketFactory tls) {
        Properties p = new Properties();
        String prefix = "mail." + name + ".";
        p.put(prefix + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.put(prefix + "timeout", Long.toString(longestWait.plusMinutes(2).toMillis()));
        if (account.security() != Security.PLAIN) {
            if (account.verifyCertificates()) {
                p.put(prefix + "ssl.checkserveridentity", "true");
                // the JDK's authorities and the account's own; Angus Mail uses it for STARTTLS too
                p.put(prefix + "ssl.socketFactory", tls);
                // else a failed handshake is tried again with the JDK's factory, whose failure hides the real one
                p.put(prefix + "socketFactory.fallback", "false");
            } else {
                p.put(prefix + "ssl.trust", "*");
                p.put(prefix + "ssl.checkserveridentity", "false");
            }
        }
        return p;
    }
}
