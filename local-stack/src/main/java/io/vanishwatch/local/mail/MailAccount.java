package io.vanishwatch.local.mail;

import java.util.Objects;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Where and as whom to log in to a local test IMAP server (plaintext, loopback), so devices, readers and
 * delivery helpers open connections the same way.
 *
 * @param localAddress the address connections come from (e.g. {@code 127.0.0.2}: Linux routes all of 127/8 to the
 *                     loopback), so the server sees each device at its own address; null for the system's choice
 */
public record MailAccount(String host, int port, String user, String password, String localAddress) {

    private static final String TIMEOUT_MILLIS = "10000";

    public MailAccount {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    public MailAccount(String host, int port, String user, String password) {
        this(host, port, user, password, null);
    }

    /** The same login, from another local address. */
    public MailAccount from(String newLocalAddress) {
        return new MailAccount(host, port, user, password, newLocalAddress);
    }

    /** A fresh Jakarta Mail session of its own, so each caller gets its own connections. */
    public Session newSession() {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", host);
        props.put("mail.imap.port", String.valueOf(port));
        props.put("mail.imap.ssl.enable", "false");
        props.put("mail.imap.starttls.enable", "false");
        props.put("mail.imap.connectiontimeout", TIMEOUT_MILLIS);
        props.put("mail.imap.timeout", TIMEOUT_MILLIS);
        props.put("mail.imap.writetimeout", TIMEOUT_MILLIS);
        // The store keeps its own connection, so a folder's connection is only ever the folder's; the pool keeps
        // that folder connection across a close and re-open (it would log out and log in again otherwise).
        props.put("mail.imap.separatestoreconnection", "true");
        props.put("mail.imap.connectionpoolsize", "2");
        if (localAddress != null) {
            props.put("mail.imap.localaddress", localAddress);
            props.put("mail.pop3.localaddress", localAddress);
        }
        props.put("mail.pop3.host", host);
        props.put("mail.pop3.connectiontimeout", TIMEOUT_MILLIS);
        props.put("mail.pop3.timeout", TIMEOUT_MILLIS);
        return Session.getInstance(props);
    }

    /** Opens and logs in a new store; the caller closes it. */
    public IMAPStore connect() throws MessagingException {
        IMAPStore store = (IMAPStore) newSession().getStore("imap");
        store.connect(host, port, user, password);
        return store;
    }

    @Override
    public String toString() {
        return "MailAccount[" + user + "@" + host + ":" + port + (localAddress == null ? "" : " from " + localAddress) + "]";
    }
}
