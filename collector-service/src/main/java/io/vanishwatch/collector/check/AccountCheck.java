package io.vanishwatch.collector.check;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.config.ServerLogSettings;
import io.vanishwatch.collector.imap.ImapConnector;
import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.ListedFolder;
import io.vanishwatch.collector.imap.MailboxException;
import io.vanishwatch.collector.imap.TlsDetails;
import io.vanishwatch.collector.watch.WatchedFolders;
import io.vanishwatch.events.FolderRole;

/**
 * Connects to one account as its watch will — the same checked settings, the same connector, the same folder roles —
 * and says what it found, a line for each thing: a {@code PROBLEM} names the key to change where the watch would not
 * work; a {@code WARNING} where it would work, but see or explain less (no IDLE, no Junk or Trash folder to name).
 */
final class AccountCheck {

    /** What the watch uses where the server offers it. */
    static final List<String> CAPABILITIES = List.of("IDLE", "NOTIFY", "QRESYNC", "CONDSTORE", "MOVE", "ID",
            "SPECIAL-USE");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final Duration EXPIRES_SOON = Duration.ofDays(14);

    /** One account's lines, and how many of them are problems and warnings. */
    record Result(String account, List<String> lines, int problems, int warnings) {

        boolean ok() {
            return problems == 0;
        }
    }

    private final ImapConnector connector;
    private final CollectorSettings settings;
    private final List<String> lines = new ArrayList<>();
    private int problems;
    private int warnings;

    private AccountCheck(ImapConnector connector, CollectorSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    /**
     * @param passwordKey which of {@code password}, {@code password-env}, {@code password-file} the account sets
     */
    static Result check(AccountSettings account, String passwordKey, ImapConnector connector,
                        CollectorSettings settings) {
        AccountCheck check = new AccountCheck(connector, settings);
        check.run(account, passwordKey);
        return new Result(account.id(), List.copyOf(check.lines), check.problems, check.warnings);
    }

    private void run(AccountSettings account, String passwordKey) {
        String key = key(account);
        String where = account.id() + "  " + account.host() + ":" + account.port() + " " + account.security();
        List<ImapSession> sessions = new ArrayList<>();
        try {
            ImapSession first;
            try {
                first = connector.open(account);
            } catch (MailboxException e) {
                lines.add(where + "  not connected");
                failed(account, passwordKey, e);
                return;
            }
            sessions.add(first);
            lines.add(where);
            lines.set(lines.size() - 1, where + "  " + tls(account, first)); // its warnings go below it
            lines.add("  login: OK (" + account.oauth2().map(login -> login.mechanism().name()).orElse("PASSWORD")
                    + " as " + account.username() + ")");
            capabilities(account, first);
            folders(account, first);
            connections(account, sessions);
            serverLog(account);
        } catch (MailboxException e) {
            problem(key + "host", e.failure() + " " + e.getMessage());
        } finally {
            sessions.forEach(ImapSession::close);
            lines.add("  result: " + (problems == 0 ? "OK" : problems + (problems == 1 ? " problem" : " problems"))
                    + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")));
        }
    }

    private static String key(AccountSettings account) {
        return CollectorConfig.PREFIX + ".accounts." + account.id() + ".";
    }

    private String tls(AccountSettings account, ImapSession session) {
        if (account.security() == Security.PLAIN) {
            return "no TLS (security=PLAIN: the password crosses the network readable)";
        }
        if (!account.verifyCertificates()) {
            warning(key(account) + "verify-certificates", "is false: the server's certificate is not checked, so"
                    + " anyone on the way can pose as the server and read the password; set trust-store instead");
            return "certificate not checked (verify-certificates=false)";
        }
        Optional<TlsDetails> details = session.tls();
        if (details.isEmpty()) {
            return "TLS (no certificate details)";
        }
        TlsDetails tls = details.get();
        if (tls.notAfter().isBefore(Instant.now().plus(EXPIRES_SOON))) {
            warning(server(account), "the server's certificate expires on " + DAY.format(tls.notAfter())
                    + ": after that the watch cannot connect (TLS_FAILED)");
        }
        return tls.protocol() + ", certificate " + tls.subject() + " (issuer " + tls.issuer() + ", expires "
                + DAY.format(tls.notAfter()) + ")";
    }

    /** The first connection failed: says which key is most likely wrong, with the connector's precise reason. */
    private void failed(AccountSettings account, String passwordKey, MailboxException e) {
        String key = key(account);
        String reason = e.failure() + " " + e.getMessage();
        String text = e.getMessage();
        switch (e.failure()) {
            case AUTH_FAILED -> {
                lines.add("  login: FAILED");
                problem(account.oauth2().isPresent() ? key + "oauth2" : key + passwordKey,
                        reason + " (username " + account.username() + ")");
            }
            case TLS_FAILED -> {
                if (text.contains("not trusted")) {
                    problem(key + "trust-store", reason);
                } else if (text.contains("not for the host")) {
                    problem(key + "host", reason);
                } else if (text.contains("STARTTLS")) {
                    problem(key + "security", reason);
                } else if (text.contains("expired") || text.contains("not valid yet")) {
                    problem(server(account) + " (the server's certificate)", reason);
                } else {
                    problem(key + "security", reason + " (security " + account.security() + " on port "
                            + account.port() + ": implicit TLS is usually 993, STARTTLS 143)");
                }
            }
            case UNREACHABLE -> {
                if (text.contains("unknown host")) {
                    problem(key + "host", reason);
                } else if (text.contains("refused the login for now") || text.contains("throttling")) {
                    // too many connections of this user (every device counts) or throttled: no key fixes that
                    problem(server(account), reason);
                } else if (text.startsWith("cannot connect")) {
                    problem(key + "port", reason + " (nothing answers at " + account.host() + ":" + account.port()
                            + "; IMAP is usually 993 with TLS, 143 with STARTTLS)");
                } else {
                    problem(key + "host", reason);
                }
            }
            default -> problem(key + "host", reason);
        }
    }

    private void capabilities(AccountSettings account, ImapSession session) {
        List<String> offered = CAPABILITIES.stream().filter(session::supports).toList();
        List<String> missing = CAPABILITIES.stream().filter(c -> !session.supports(c)).toList();
        lines.add("  capabilities: " + String.join(" ", offered) + " (missing: "
                + (missing.isEmpty() ? "none" : String.join(" ", missing)) + ")");
        if (!session.supports("IDLE")) {
            warning(server(account), "no IDLE: new mail in INBOX is noticed by asking every few seconds, not the"
                    + " moment it changes (degraded)");
        }
        lines.add("  other folders: " + (session.supports("NOTIFY") ? "followed with NOTIFY"
                : "looked at every " + settings.folderPollInterval().toSeconds() + "s ("
                + CollectorConfig.PREFIX + ".folder-poll-interval; the server has no NOTIFY)"));
    }

    private void folders(AccountSettings account, ImapSession session) throws MailboxException {
        List<ListedFolder> listed = session.list();
        WatchedFolders folders = WatchedFolders.of(listed, account);
        // in the server's LIST order, INBOX first
        lines.add("  folders: " + listed.stream().map(ListedFolder::name).filter(folders.roles()::containsKey)
                .sorted(Comparator.comparing(name -> folders.role(name) != FolderRole.INBOX))
                .map(name -> name + " (" + folders.role(name) + (folders.excluded().contains(name) ? ", excluded" : "")
                        + ")")
                .collect(Collectors.joining(", ")));
        String key = key(account);
        if (folders.inbox() == null) {
            problem(key + "folders.inbox", "the server lists no folder " + account.inboxFolder());
        }
        missingRole(folders, FolderRole.JUNK, account.junkFolder(), key + "folders.junk",
                "mail a filter moves to Junk is reported as filed into an ordinary folder, not as junk");
        missingRole(folders, FolderRole.TRASH, account.trashFolder(), key + "folders.trash",
                "mail deleted to Trash is reported as filed into an ordinary folder, not as deleted");
    }

    /**
     * A role no folder has is a warning, not a problem: every folder is watched all the same and nothing goes
     * unseen, only the explanation of a move is less specific; and some accounts have no such folder at all.
     */
    private void missingRole(WatchedFolders folders, FolderRole role, Optional<String> configured, String key,
                             String consequence) {
        if (folders.roles().containsValue(role)) {
            return;
        }
        String name = role == FolderRole.JUNK ? "Junk" : "Trash";
        String found = configured.map(folder -> "the configured folder " + folder + " is not on the server")
                .orElse("no folder is marked \\" + name + " (SPECIAL-USE) or has a usual " + name + " name");
        warning(key, "no " + name + " folder found: " + found + "; " + consequence
                + ". If the server has one under another name, set it here");
    }

    /** Opens the rest of the connections the watch will hold, all at once, to see the server allows them. */
    private void connections(AccountSettings account, List<ImapSession> sessions) {
        int uses = Math.min(account.maxConnections(), 2);
        String limit = "the server's limit: not told over IMAP (Dovecot: mail_max_userip_connections, 10 per user and"
                + " IP by default, shared with every device behind the same address; Gmail: 15 per account)";
        for (int n = sessions.size() + 1; n <= uses; n++) {
            try {
                sessions.add(connector.open(account));
            } catch (MailboxException e) {
                lines.add("  connections: " + uses + "; " + limit);
                problem(key(account) + "max-connections", e.failure() + " the server refused connection " + n
                        + " of " + uses + ": " + e.getMessage() + "; set max-connections=1, or raise the server's"
                        + " limit");
                return;
            }
        }
        lines.add("  connections: " + uses + (uses == 1 ? "" : ", all open at once here") + "; " + limit);
    }

    private void serverLog(AccountSettings account) {
        Optional<ServerLogSettings> serverLog = settings.serverLog();
        String key = CollectorConfig.PREFIX + ".server-log.path";
        if (serverLog.isEmpty()) {
            lines.add("  server log: not set up (" + key + "): a removal is not attributed to the device that made it");
            return;
        }
        ServerLogSettings log = serverLog.get();
        String users = log.accountsByUser().entrySet().stream()
                .filter(user -> user.getValue().equals(account.id())).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        if (!log.stdin() && !Files.isReadable(log.path())) {
            lines.add("  server log: " + log.path() + " (server user " + users + ")");
            problem(key, "cannot read " + log.path() + " as this user");
            return;
        }
        lines.add("  server log: set up, " + (log.stdin() ? "lines from stdin" : log.path().toString())
                + (users.isEmpty() ? "" : " (server user " + users + ")"));
        String takenBy = log.accountsByUser().get(account.username());
        if (users.isEmpty() && takenBy != null) {
            // several accounts with one username (on different servers): the log's lines go to one of them only
            warning(CollectorConfig.PREFIX + ".server-log.users.\"" + account.username() + "\"", "the log's lines of"
                    + " server user " + account.username() + " are attributed to account " + takenBy + ", which has the"
                    + " same username; removals in " + account.id() + " are not attributed to a device");
        }
    }

    private static String server(AccountSettings account) {
        return account.host() + ":" + account.port();
    }

    private void problem(String key, String reason) {
        problems++;
        lines.add("  PROBLEM " + key + ": " + reason);
    }

    private void warning(String key, String reason) {
        warnings++;
        lines.add("  WARNING " + key + ": " + reason);
    }
}
