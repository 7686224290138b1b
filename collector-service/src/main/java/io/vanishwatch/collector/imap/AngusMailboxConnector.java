package io.vanishwatch.collector.imap;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.util.MailConnectException;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.events.FolderRole;

/** Opens watched folders with Jakarta Mail (Angus Mail): TLS and certificate checks unless configured otherwise. */
public class AngusMailboxConnector implements MailboxConnector {

    /** How the watcher names its own connections (IMAP ID), so that server logs can tell it from the devices. */
    public static final Map<String, String> CLIENT_ID = Map.of("name", "Vanishwatch", "vendor", "Vanishwatch");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final Duration longestWait;
    private final ScheduledExecutorService timer;

    /**
     * @param longestWait the longest {@link MailboxConnection#awaitChange} the watcher asks for; reads time out a
     *                    little after it, so that a dead connection is noticed
     * @param timer       ends an IDLE when its time is up
     */
    public AngusMailboxConnector(Duration longestWait, ScheduledExecutorService timer) {
        this.longestWait = longestWait;
        this.timer = timer;
    }

    @Override
    public MailboxConnection open(WatchTarget target) throws MailboxException {
        AccountSettings account = target.account();
        String protocol = account.security() == Security.TLS ? "imaps" : "imap";
        Session session = Session.getInstance(sessionProperties(account, protocol));
        IMAPStore store;
        try {
            store = (IMAPStore) session.getStore(protocol);
        } catch (MessagingException e) {
            throw new MailboxException(MailboxException.Failure.UNREACHABLE, "no IMAP provider: " + e.getMessage(), e);
        }
        try {
            store.connect(account.host(), account.port(), account.username(), account.password().reveal());
        } catch (MessagingException e) {
            closeQuietly(store);
            throw connectFailure(e);
        }
        try {
            IMAPFolder folder = resolve(store, target);
            folder.open(Folder.READ_ONLY);
            if (store.hasCapability("ID")) {
                folder.doCommand(p -> p.id(CLIENT_ID));
            }
            return new AngusMailboxConnection(store, folder, timer);
        } catch (MailboxException e) {
            closeQuietly(store);
            throw e;
        } catch (MessagingException e) {
            closeQuietly(store);
            throw new MailboxException(MailboxException.Failure.CONNECTION_LOST,
                    "cannot open folder " + target.folderName() + ": " + describe(e), e);
        }
    }

    private Properties sessionProperties(AccountSettings account, String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put("mail.store.protocol", protocol);
        p.put(prefix + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        p.put(prefix + "timeout", Long.toString(longestWait.plusMinutes(2).toMillis()));
        if (account.security() == Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (account.security() != Security.PLAIN) {
            if (account.verifyCertificates()) {
                p.put(prefix + "ssl.checkserveridentity", "true");
            } else {
                p.put(prefix + "ssl.trust", "*");
                p.put(prefix + "ssl.checkserveridentity", "false");
            }
        }
        return p;
    }

    /** The folder to watch: by name, else by SPECIAL-USE attribute, else by its common name. */
    private static IMAPFolder resolve(IMAPStore store, WatchTarget target) throws MessagingException, MailboxException {
        if (target.folder().isPresent()) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(target.folder().get());
            if (!folder.exists()) {
                throw new MailboxException(MailboxException.Failure.NO_SUCH_FOLDER,
                        "folder " + target.folder().get() + " does not exist");
            }
            return folder;
        }
        String attribute = target.role() == FolderRole.JUNK ? "\\Junk" : "\\Trash";
        Folder[] all = store.getDefaultFolder().list("*");
        for (Folder candidate : all) {
            for (String a : ((IMAPFolder) candidate).getAttributes()) {
                if (a.equalsIgnoreCase(attribute)) {
                    return (IMAPFolder) candidate;
                }
            }
        }
        Optional<IMAPFolder> byName = Optional.empty();
        for (Folder candidate : all) {
            String name = candidate.getFullName();
            String underInbox = "INBOX" + candidate.getSeparator() + target.commonName();
            if (name.equalsIgnoreCase(target.commonName()) || name.equalsIgnoreCase(underInbox)) {
                byName = Optional.of((IMAPFolder) candidate);
                break;
            }
        }
        return byName.orElseThrow(() -> new MailboxException(MailboxException.Failure.NO_SUCH_FOLDER,
                "no folder marked " + attribute + " (SPECIAL-USE) and none named " + target.commonName()));
    }

    /** Sorts a failed connect into what the watch reports. */
    static MailboxException connectFailure(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new MailboxException(MailboxException.Failure.AUTH_FAILED, "authentication failed", e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException) {
                return new MailboxException(MailboxException.Failure.TLS_FAILED,
                        "TLS failed: " + describe(cause), e);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
            return new MailboxException(MailboxException.Failure.TLS_FAILED, message, e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                    || cause instanceof MailConnectException) {
                return new MailboxException(MailboxException.Failure.UNREACHABLE,
                        "cannot connect: " + describe(cause.getCause() != null ? cause.getCause() : cause), e);
            }
        }
        return new MailboxException(MailboxException.Failure.UNREACHABLE, "cannot connect: " + describe(e), e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is being given up anyway
        }
    }
}
