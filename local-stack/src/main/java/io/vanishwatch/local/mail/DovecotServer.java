package io.vanishwatch.local.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.vanishwatch.local.LoopbackPorts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * A real Dovecot (the Debian package's binary) run as a child process with a private configuration on a free
 * loopback port, so removal tracking is proven against a server that behaves like production, logs who removed
 * what, and offers IDLE, MOVE, UIDPLUS, CONDSTORE, QRESYNC and ID.
 */
public final class DovecotServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/dovecot");
    public static final Path LDA = Path.of("/usr/lib/dovecot/dovecot-lda");
    public static final Path DOVEADM = Path.of("/usr/bin/doveadm");
    /** Debian's dovecot-pop3d; without it the server speaks IMAP only. */
    public static final Path POP3 = Path.of("/usr/lib/dovecot/pop3");
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final System.Logger LOG = System.getLogger(DovecotServer.class.getName());

    /**
     * A certificate chain (PEM: the server's certificate first, then its issuers) and its private key (PEM) for a
     * Dovecot that speaks STARTTLS on its IMAP port and implicit TLS on {@link #imapsPort()}.
     */
    public record Tls(Path certificateChain, Path privateKey) {
    }

    /**
     * How a test Dovecot differs from the plain one: TLS with a certificate ({@link #imapsPort()} for implicit TLS,
     * STARTTLS on {@link #port()}); XOAUTH2 and OAUTHBEARER logins whose tokens an introspection URL checks (an
     * identity service, or a test's stand-in for one); another folder tree than Junk, Trash, Archive, Sent and All
     * Mail.
     *
     * @param mailboxes folder name → its SPECIAL-USE attribute ({@code \Trash}, or empty for none), in LIST order;
     *                  null for the usual tree
     * @param connections how many IMAP connections at once the server must take; 0 for Dovecot's defaults (~1,000)
     * @param idleCheckInterval how often IDLE polls where inotify is unavailable; null for Dovecot's 30 s
     */
    public record Options(Tls tls, String oauth2IntrospectionUrl, Map<String, String> mailboxes, int connections,
                          Duration idleCheckInterval) {

        public static final Options DEFAULTS = new Options(null, null, null, 0, null);

        public Options withTls(Tls certificate) {
            return new Options(certificate, oauth2IntrospectionUrl, mailboxes, connections, idleCheckInterval);
        }

        public Options withOAuth2(String introspectionUrl) {
            return new Options(tls, introspectionUrl, mailboxes, connections, idleCheckInterval);
        }

        public Options withMailboxes(Map<String, String> tree) {
            return new Options(tls, oauth2IntrospectionUrl, tree, connections, idleCheckInterval);
        }

        /**
         * How often an IDLE checks for changes itself where inotify is unavailable (Dovecot's default: 30 s); null
         * for the default.
         */
        public Options withIdleCheckInterval(Duration interval) {
            return new Options(tls, oauth2IntrospectionUrl, mailboxes, connections, interval);
        }

        /** Room for {@code imapConnections} IMAP connections at once (Dovecot's defaults allow about 1,000). */
        public Options withConnections(int imapConnections) {
            return new Options(tls, oauth2IntrospectionUrl, mailboxes, imapConnections, idleCheckInterval);
        }
    }

    private final Process process;
    /** Stops the server when the JVM ends without {@link #close} (a benchmark out of memory, a test run cut short). */
    private final Thread stopAtExit;
    private final int port;
    private final int imapsPort;
    private final int pop3Port;
    private final Path workDir;
    private final Path configFile;
    private final Path logFile;
    private final Path runtimeDir;
    private final Path usersFile;
    private final Map<String, String> passwords;
    private final Path mailDir;
    /** Whom the mail belongs to on disk, "user:group", when Dovecot runs as root; null otherwise. */
    private final String mailOwner;

    private DovecotServer(Process process, int port, int imapsPort, int pop3Port, Path workDir, Path configFile,
                          Path logFile, Path runtimeDir, Path usersFile, Map<String, String> passwords, Path mailDir,
                          String mailOwner) {
        this.process = process;
        this.port = port;
        this.imapsPort = imapsPort;
        this.pop3Port = pop3Port;
        this.workDir = workDir;
        this.configFile = configFile;
        this.logFile = logFile;
        this.runtimeDir = runtimeDir;
        this.usersFile = usersFile;
        this.passwords = new ConcurrentHashMap<>(passwords);
        this.mailDir = mailDir;
        this.mailOwner = mailOwner;
        this.stopAtExit = new Thread(process::destroy, "dovecot-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Whether the Dovecot binary is there to start. */
    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** What to do when {@link #isInstalled()} is false. */
    public static String notInstalledMessage() {
        return "Dovecot is not installed (" + BINARY + " is missing): install it with "
                + "'apt-get install dovecot-imapd dovecot-pop3d' (Debian/Ubuntu); its system service need not run";
    }

    /**
     * Starts a private Dovecot keeping its configuration, users, mail and log under {@code workDir}, with one
     * account per entry of {@code usersToPasswords}; returns once it accepts IMAP connections.
     */
    public static DovecotServer start(Path workDir, Map<String, String> usersToPasswords) {
        return start(workDir, usersToPasswords, Options.DEFAULTS);
    }

    /**
     * Like {@link #start(Path, Map)}, with TLS, OAuth2 logins or another folder tree as {@code options} say.
     */
    public static DovecotServer start(Path workDir, Map<String, String> usersToPasswords, Options options) {
        if (!isInstalled()) {
            throw new IllegalStateException(notInstalledMessage());
        }
        Map<String, String> passwords = Map.copyOf(usersToPasswords);
        try {
            Path work = Files.createDirectories(workDir.toAbsolutePath());
            Path users = writeUsers(work, passwords);
            IllegalStateException lastFailure = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    return launch(work, users, passwords, options);
                } catch (IllegalStateException portTakenOrSlow) {
                    lastFailure = portTakenOrSlow;
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Dovecot's files under " + workDir, e);
        }
    }

    public String host() {
        return LOOPBACK;
    }

    public int port() {
        return port;
    }

    /** The implicit-TLS IMAP port, or 0 when started without TLS. */
    public int imapsPort() {
        return imapsPort;
    }

    /** The POP3 port, or 0 when dovecot-pop3d is not installed. */
    public int pop3Port() {
        return pop3Port;
    }

    /** Dovecot's own log: logins with the session id, the client's IMAP ID, and every save/copy/delete/expunge. */
    public Path logFile() {
        return logFile;
    }

    public Path configFile() {
        return configFile;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Where a user's mail is on disk ({@code mail_location = maildir:~/Maildir}, Maildir++ layout: INBOX in
     * {@code cur}, {@code new} and {@code tmp}, another folder {@code Name} in {@code .Name/}), for a test that writes
     * mail there itself before the user's first login; Dovecot indexes what it finds on the first access. Call
     * {@link #handMailToMailUser()} once the files are written.
     */
    public Path maildir(String user) {
        account(user);
        return mailDir.resolve(user).resolve("Maildir");
    }

    /**
     * Gives every file under the mail directory to the user Dovecot's mail processes run as ({@code nobody} when the
     * tests run as root), after a test wrote mail there itself; nothing to do when not running as root.
     */
    public void handMailToMailUser() {
        if (mailOwner == null) {
            return;
        }
        try {
            Process chown = new ProcessBuilder("chown", "-R", mailOwner, mailDir.toString()).redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = chown.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!chown.waitFor(10, TimeUnit.MINUTES) || chown.exitValue() != 0) {
                throw new IllegalStateException("chown -R " + mailOwner + " " + mailDir + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run chown on " + mailDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing " + mailDir + " to " + mailOwner, e);
        }
    }

    /** The log so far, one entry per line. */
    public List<String> logLines() {
        try {
            return Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    /** The IMAP login of one of the users this server was started with, with the user's current password. */
    public MailAccount account(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + " on this Dovecot; users are " + passwords.keySet());
        }
        return new MailAccount(LOOPBACK, port, user, password);
    }

    /**
     * Changes a user's password on the running server, as an admin or the user would, and returns once a login with
     * it works: from then on every login needs the new one, while connections already logged in stay logged in (see
     * {@link #kick}).
     */
    public synchronized void changePassword(String user, String newPassword) {
        account(user);
        Map<String, String> changed = new TreeMap<>(passwords);
        changed.put(user, newPassword);
        String lines = usersLines(changed);
        try {
            // Dovecot re-reads the passwd-file when its size or its mtime in whole seconds changed: a password of
            // the same length written within the same second would go unnoticed. Replaced whole, so that no login
            // reads it half written.
            long seconds = Math.max(Instant.now().getEpochSecond(),
                    Files.getLastModifiedTime(usersFile).to(TimeUnit.SECONDS) + 1);
            Path next = usersFile.resolveSibling(usersFile.getFileName() + ".next");
            Files.writeString(next, lines, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(next, FileTime.from(seconds, TimeUnit.SECONDS));
            Files.move(next, usersFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + usersFile, e);
        }
        passwords.put(user, newPassword);
        awaitLogin(account(user));
    }

    /**
     * Dovecot looks at the passwd-file at most once a second: a login in the same second as the last lookup still
     * gets the old password. Once a login with the new one succeeds, the file has been read again.
     */
    private static void awaitLogin(MailAccount account) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (IMAPStore store = account.connect()) {
                return;
            } catch (MessagingException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Dovecot still refuses the new password of " + account.user()
                            + " after " + START_TIMEOUT.toSeconds() + " s: " + notYet.getMessage(), notYet);
                }
                pause();
            }
        }
    }

    /**
     * Ends every IMAP session of the user at once ({@code doveadm kick}; clients get {@code * BYE}), as a server does
     * when an admin forces a user out after a password change.
     */
    public void kick(String user) {
        account(user);
        try {
            Process doveadm = new ProcessBuilder(DOVEADM.toString(), "-c", configFile.toString(), "kick", user)
                    .redirectErrorStream(true).start();
            String output;
            try (InputStream out = doveadm.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!doveadm.waitFor(30, TimeUnit.SECONDS) || doveadm.exitValue() != 0) {
                throw new IllegalStateException("doveadm kick " + user + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + DOVEADM, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kicking " + user, e);
        }
    }

    /** Dovecot's master process (its children serve the connections), for measuring what the server costs. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The IMAP and POP3 connections logged in right now, as {@code doveadm who} counts them. */
    public int loggedInConnections() {
        try {
            Process doveadm = new ProcessBuilder(DOVEADM.toString(), "-c", configFile.toString(), "who", "-1")
                    .redirectErrorStream(true).start();
            List<String> lines;
            try (InputStream out = doveadm.getInputStream()) {
                lines = new String(out.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            if (!doveadm.waitFor(30, TimeUnit.SECONDS) || doveadm.exitValue() != 0) {
                throw new IllegalStateException("doveadm who failed: " + String.join(" | ", lines));
            }
            // a header line, then one line per connection
            return (int) lines.stream().skip(1).filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + DOVEADM, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking doveadm who", e);
        }
    }

    /** Appends {@code message} to {@code folder} over IMAP (fast, ~4 ms) and returns its UID. */
    public long append(String user, String password, String folder, MimeMessage message) {
        try {
            return MailDrop.appendTo(new MailAccount(LOOPBACK, port, user, password), folder, message);
        } catch (MessagingException e) {
            throw new IllegalStateException("APPEND to " + folder + " of " + user + " failed: " + e.getMessage(), e);
        }
    }

    /** Appends {@code message} to {@code folder} of a user this server was started with, and returns its UID. */
    public long append(String user, String folder, MimeMessage message) {
        return append(user, account(user).password(), folder, message);
    }

    /**
     * Delivers {@code message} to the user's INBOX the way a mail server does, through {@code dovecot-lda}
     * (~90 ms; the log says "saved mail to INBOX"), and returns its Message-ID.
     */
    public String deliver(String user, MimeMessage message) {
        try {
            if (message.getMessageID() == null) {
                message.saveChanges();
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            Process lda = new ProcessBuilder(LDA.toString(), "-c", configFile.toString(), "-d", user, "-m", "INBOX")
                    .redirectErrorStream(true).start();
            try (OutputStream in = lda.getOutputStream()) {
                in.write(raw.toByteArray());
            }
            String output;
            try (InputStream out = lda.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!lda.waitFor(30, TimeUnit.SECONDS) || lda.exitValue() != 0) {
                throw new IllegalStateException("dovecot-lda could not deliver to " + user + ": " + output.strip());
            }
            return message.getMessageID();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot deliver to " + user + " with " + LDA + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering to " + user, e);
        }
    }

    /** Delivery into {@code user}'s INBOX through {@code dovecot-lda}, for a mail source. */
    public MailDrop mailDrop(String user) {
        return message -> deliver(user, message);
    }

    /** Stops Dovecot with SIGTERM and waits for it to exit (a few seconds). */
    @Override
    public void close() {
        Instant begin = Instant.now();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook stops it anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Dovecot on port " + port + " stopped in "
                + Duration.between(begin, Instant.now()).toMillis() + " ms");
        deleteQuietly(runtimeDir);
    }

    private static DovecotServer launch(Path work, Path users, Map<String, String> passwords, Options options)
            throws IOException {
        Tls tls = options.tls();
        int port = LoopbackPorts.free();
        int pop3Port = Files.isExecutable(POP3) ? LoopbackPorts.free() : 0;
        while (pop3Port == port) {
            pop3Port = LoopbackPorts.free();
        }
        int imapsPort = 0;
        while (tls != null && (imapsPort == 0 || imapsPort == port || imapsPort == pop3Port)) {
            imapsPort = LoopbackPorts.free();
        }
        boolean root = runsAsRoot();
        String mailUser = root ? "nobody" : System.getProperty("user.name");
        String mailGroup = root ? "nogroup" : primaryGroupOf(work);
        Path mailDir = Files.createDirectories(work.resolve("mail"));
        Path stateDir = Files.createDirectories(work.resolve("state"));
        // Unix socket paths are limited to ~108 bytes, so the sockets live in a short directory of their own.
        Path runtimeDir = Files.createTempDirectory(Path.of("/tmp"), "dovecot-");
        Path logFile = work.resolve("dovecot.log");
        if (root) {
            chown(mailDir, mailUser, mailGroup);
            letMailUserThrough(work);
        }
        DovecotConfig config = new DovecotConfig("vanishwatch-" + port, port, runtimeDir, stateDir, logFile,
                users, mailDir, mailUser, mailGroup, root, pop3Port, tls, imapsPort, oauth2File(work,
                options.oauth2IntrospectionUrl()), options.mailboxes(), options.connections(),
                options.idleCheckInterval());
        Path configFile = work.resolve("dovecot.conf");
        Files.writeString(configFile, config.render(), StandardCharsets.UTF_8);
        Path output = work.resolve("dovecot.out");
        Process process = new ProcessBuilder(BINARY.toString(), "-c", configFile.toString(), "-F")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        Instant begin = Instant.now();
        Instant deadline = begin.plus(START_TIMEOUT);
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                deleteQuietly(runtimeDir);
                throw new IllegalStateException("Dovecot did not start on port " + port + ": "
                        + tail(output) + " " + tail(logFile));
            }
            pause();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Dovecot accepts IMAP on 127.0.0.1:" + port + " after "
                + Duration.between(begin, Instant.now()).toMillis() + " ms");
        return new DovecotServer(process, port, imapsPort, pop3Port, work, configFile, logFile, runtimeDir, users,
                passwords, mailDir, root ? mailUser + ":" + mailGroup : null);
    }

    private static Path oauth2File(Path work, String introspectionUrl) throws IOException {
        if (introspectionUrl == null) {
            return null;
        }
        return Files.writeString(work.resolve("dovecot-oauth2.conf.ext"), DovecotConfig.renderOAuth2(introspectionUrl),
                StandardCharsets.UTF_8);
    }

    private static Path writeUsers(Path work, Map<String, String> passwords) throws IOException {
        Path users = work.resolve("users");
        Files.writeString(users, usersLines(passwords), StandardCharsets.UTF_8);
        return users;
    }

    private static String usersLines(Map<String, String> passwords) {
        StringBuilder lines = new StringBuilder();
        passwords.forEach((user, password) -> {
            if (user.contains(":") || password.contains(":") || user.isBlank()) {
                throw new IllegalArgumentException("user names and passwords must not contain ':' (user " + user + ")");
            }
            lines.append(user).append(":{PLAIN}").append(password).append('\n');
        });
        return lines.toString();
    }

    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String primaryGroupOf(Path ownFile) throws IOException {
        return Files.getFileAttributeView(ownFile, PosixFileAttributeView.class).readAttributes().group().getName();
    }

    private static void chown(Path dir, String user, String group) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(ownerGroup);
    }

    /**
     * Temporary directories are created rwx------, which keeps the unprivileged mail processes out of the mail
     * directory below; opens the way (search permission only) on the temporary directories leading to it.
     */
    private static void letMailUserThrough(Path work) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        for (Path dir = work.toRealPath(); dir != null && dir.startsWith(tmp) && !dir.equals(tmp); dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(dir, permissions);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Dovecot", e);
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // sockets left in /tmp are harmless
        }
    }
}
