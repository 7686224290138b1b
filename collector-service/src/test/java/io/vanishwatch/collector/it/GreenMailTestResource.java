package io.vanishwatch.collector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real IMAP server (GreenMail, plaintext on a free loopback port) with one user per test, each configured as a
 * collector account; the {@code offline} account goes through a {@link TcpProxy} that tests can cut.
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "secret-pw";
    static final String WRONG_PASSWORD = "not-the-password";
    /** One account per test, so that tests never see each other's records. */
    static final List<String> ACCOUNTS = List.of("arrive", "remove", "move", "file", "seen", "offline", "wrongpw");

    private static GreenMail greenMail;
    private static TcpProxy proxy;

    static GreenMail greenMail() {
        return greenMail;
    }

    static TcpProxy proxy() {
        return proxy;
    }

    static int imapPort() {
        return greenMail.getImap().getPort();
    }

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        greenMail.start();
        ACCOUNTS.forEach(user -> greenMail.setUser(user + "@example.org", user, PASSWORD));
        try {
            proxy = new TcpProxy(imapPort());
            createFolder("move", "Junk");
            createFolder("file", "Newsletters");
            Path passwordFile = Files.createTempFile("vanishwatch-move", ".pw");
            Files.writeString(passwordFile, PASSWORD + "\n");

            Map<String, String> config = new HashMap<>();
            config.put("vanishwatch.collector.resync-interval", "1s");
            config.put("vanishwatch.collector.reconnect.initial-backoff", "200ms");
            config.put("vanishwatch.collector.reconnect.max-backoff", "1s");
            for (String account : ACCOUNTS) {
                String key = "vanishwatch.collector.accounts." + account + ".";
                config.put(key + "host", "127.0.0.1");
                config.put(key + "port", Integer.toString(account.equals("offline") ? proxy.port() : imapPort()));
                config.put(key + "security", "PLAIN");
                config.put(key + "username", account);
                if (account.equals("move")) {
                    config.put(key + "password-file", passwordFile.toString());
                } else {
                    config.put(key + "password", account.equals("wrongpw") ? WRONG_PASSWORD : PASSWORD);
                }
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createFolder(String user, String name) {
        try (Store store = MailClient.store(user)) {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot create " + name + " for " + user, e);
        }
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
