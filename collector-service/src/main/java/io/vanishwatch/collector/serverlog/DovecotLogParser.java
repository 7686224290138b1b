package io.vanishwatch.collector.serverlog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.collector.serverlog.LogRecord.MailAction.Kind;

/**
 * Reads one line of Dovecot's log — as written to {@code log_path} ({@code "Nov 28 11:12:04 imap-login: Info: ..."},
 * or with a {@code log_timestamp} that has the year) or through syslog ({@code "... host dovecot: imap-login: ..."})
 * — into a {@link LogRecord}: logins, failed logins, IMAP ID, and the mail_log plugin's expunge, copy, delete and
 * flag_change. Pure: no I/O, and a line it does not understand is an empty result, never an exception.
 */
public final class DovecotLogParser {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final String[] LEVELS = {"Info: ", "Warning: ", "Error: ", "Fatal: ", "Panic: ", "Debug: "};

    private final ZoneId zone;
    private final Clock clock;
    private String cachedDay;
    private LocalDate cachedDate;

    /**
     * @param zone  the zone of the log's timestamps (Dovecot writes local time without an offset)
     * @param clock tells the year of timestamps written without one: the latest such date not after tomorrow
     */
    public DovecotLogParser(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** The line's record; empty when the line is not a Dovecot log line this parser knows. */
    public Optional<LogRecord> parse(String line) {
        try {
            return Optional.ofNullable(parseOrNull(line));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private LogRecord parseOrNull(String line) {
        if (line == null || line.length() < 16) {
            return null;
        }
        int[] end = new int[1];
        Instant at = timestamp(line, end);
        if (at == null) {
            return null;
        }
        int start = end[0];
        start = skipSyslogTag(line, start);
        int prefixEnd = line.indexOf(": ", start);
        if (prefixEnd < 0) {
            return null;
        }
        String prefix = line.substring(start, prefixEnd);
        String message = withoutLevel(line.substring(prefixEnd + 2));
        return record(at, prefix, message);
    }

    private LogRecord record(Instant at, String prefix, String message) {
        int serviceEnd = 0;
        while (serviceEnd < prefix.length() && isServiceChar(prefix.charAt(serviceEnd))) {
            serviceEnd++;
        }
        if (serviceEnd == 0) {
            return null;
        }
        String service = prefix.substring(0, serviceEnd);
        if (service.endsWith("-login")) {
            return serviceEnd == prefix.length() ? loginProcess(at, service.substring(0, service.length() - 6), message)
                    : null;
        }
        if (serviceEnd == prefix.length()) {
            // master, auth, config, anvil ...: understood, nothing to say about a mailbox
            return new LogRecord.Ignored(at);
        }
        return mailProcess(at, service, prefix.substring(serviceEnd), message);
    }

    /** {@code imap-login: Login: user=<alice>, ...}, {@code ID sent: ...: user=<>, ...}, {@code Disconnected ...}. */
    private static LogRecord loginProcess(Instant at, String protocol, String message) {
        int fieldsAt = message.lastIndexOf(": user=<");
        if (fieldsAt < 0) {
            return null;
        }
        String what = message.substring(0, fieldsAt);
        String fields = message.substring(fieldsAt + 2);
        if (what.equals("Login")) {
            return login(at, protocol, fields);
        }
        String session = bracketed(fields, "session=<");
        if (session == null) {
            return null;
        }
        if (what.startsWith("ID sent: ")) {
            Map<String, String> id = idFields(what.substring(9));
            return new LogRecord.ClientId(at, protocol, session, emptyToNull(bracketed(fields, "user=<")),
                    field(fields, "rip="), id.get("name"), id.get("version"));
        }
        int failed = what.indexOf("(auth failed");
        if (failed < 0) {
            failed = what.indexOf("(tried to use disallowed");
        }
        if (failed >= 0) {
            int close = what.indexOf(')', failed);
            String reason = what.substring(failed + 1, close < 0 ? what.length() : close);
            return new LogRecord.LoginFailed(at, protocol, session, emptyToNull(bracketed(fields, "user=<")),
                    field(fields, "method="), field(fields, "rip="), reason);
        }
        if (what.startsWith("Disconnected") || what.startsWith("Aborted login") || what.startsWith("Login aborted")) {
            return new LogRecord.SessionEnd(at, protocol, session);
        }
        return null;
    }

    private static LogRecord login(Instant at, String protocol, String fields) {
        String session = bracketed(fields, "session=<");
        String user = bracketed(fields, "user=<");
        if (session == null || user == null) {
            return null;
        }
        return new LogRecord.Login(at, protocol, session, user, field(fields, "method="), field(fields, "rip="));
    }

    /** {@code imap(alice)<19485><CYKrPlRhHZl/AAAC> rip=127.0.0.2: expunge: box=INBOX, uid=3, ...}. */
    private static LogRecord mailProcess(Instant at, String protocol, String rest, String message) {
        if (rest.charAt(0) != '(') {
            return null;
        }
        int close = rest.lastIndexOf(')');
        String user = rest.substring(1, close);
        String pid = null;
        String session = null;
        int i = close + 1;
        while (i < rest.length() && rest.charAt(i) == '<') {
            int gt = rest.indexOf('>', i);
            if (gt < 0) {
                return null;
            }
            String part = rest.substring(i + 1, gt);
            if (pid == null && session == null && !part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                pid = part;
            } else {
                session = part;
            }
            i = gt + 1;
        }
        String clientIp = field(rest.substring(i), "rip=");
        if (session == null || session.isEmpty()) {
            // without %{session} in mail_log_prefix nothing joins to the login; the pid is the next best identity
            session = pid == null ? null : "pid:" + pid;
        }
        if (session == null) {
            return null;
        }
        if (message.startsWith("ID sent: ")) {
            Map<String, String> id = idFields(message.substring(9));
            return new LogRecord.ClientId(at, protocol, session, user, clientIp, id.get("name"), id.get("version"));
        }
        if (message.startsWith("expunge: ")) {
            return action(at, protocol, session, user, clientIp, Kind.EXPUNGE, null, message.substring(9));
        }
        if (message.startsWith("delete: ")) {
            return action(at, protocol, session, user, clientIp, Kind.DELETE, null, message.substring(8));
        }
        if (message.startsWith("flag_change: ")) {
            return action(at, protocol, session, user, clientIp, Kind.FLAG_CHANGE, null, message.substring(13));
        }
        if (message.startsWith("copy from ")) {
            int colon = message.indexOf(": box=");
            if (colon < 0) {
                return null;
            }
            return action(at, protocol, session, user, clientIp, Kind.COPY, message.substring(10, colon),
                    message.substring(colon + 2));
        }
        if (message.startsWith("Disconnected")) {
            return new LogRecord.SessionEnd(at, protocol, session);
        }
        if (message.startsWith("save: ") || message.startsWith("undelete: ") || message.startsWith("Mailbox ")
                || message.startsWith("Logged out") || message.startsWith("Connection closed")) {
            return new LogRecord.Ignored(at);
        }
        return null;
    }

    private static LogRecord action(Instant at, String protocol, String session, String user, String clientIp,
                                    Kind kind, String fromBox, String fields) {
        Map<String, String> values = mailLogFields(fields);
        String box = values.get("box");
        if (box == null) {
            return null;
        }
        String uid = values.get("uid");
        return new LogRecord.MailAction(at, protocol, session, user, clientIp, kind, box, fromBox,
                uid == null ? null : Long.valueOf(uid), emptyToNull(values.get("msgid")), flags(values.get("flags")));
    }

    /**
     * {@code box=INBOX, uid=3, msgid=<m2@x>, size=74, from=bob@x, subject=hello, flags=(\Seen)}: a field starts
     * after ", " at a lower-case name and '='; flags are always last, so a subject holding ", x=" cannot hide them.
     */
    static Map<String, String> mailLogFields(String fields) {
        Map<String, String> values = new LinkedHashMap<>();
        String rest = fields;
        int flagsAt = rest.lastIndexOf("flags=(");
        if (flagsAt == 0 || (flagsAt > 1 && rest.startsWith(", ", flagsAt - 2))) {
            values.put("flags", rest.substring(flagsAt + 6));
            rest = flagsAt == 0 ? "" : rest.substring(0, flagsAt - 2);
        }
        int start = 0;
        while (start < rest.length()) {
            int eq = rest.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            String name = rest.substring(start, eq);
            int next = nextField(rest, eq + 1);
            values.putIfAbsent(name, rest.substring(eq + 1, next));
            start = next + 2;
        }
        return values;
    }

    /** Where the value that starts at {@code from} ends: at ", name=" or at the end. */
    private static int nextField(String text, int from) {
        int at = from;
        while (true) {
            int comma = text.indexOf(", ", at);
            if (comma < 0) {
                return text.length();
            }
            int j = comma + 2;
            while (j < text.length() && (Character.isLowerCase(text.charAt(j)) || text.charAt(j) == '_')) {
                j++;
            }
            if (j > comma + 2 && j < text.length() && text.charAt(j) == '=') {
                return comma;
            }
            at = comma + 2;
        }
    }

    /** {@code name=Mac OS X Mail, version=16.0}: the pairs of imap_id_log. */
    static Map<String, String> idFields(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int eq = text.indexOf('=', start);
            if (eq < 0) {
                break;
            }
            int next = nextIdField(text, eq + 1);
            values.putIfAbsent(text.substring(start, eq).toLowerCase(java.util.Locale.ROOT),
                    emptyToNull(text.substring(eq + 1, next)));
            start = next + 2;
        }
        return values;
    }

    private static int nextIdField(String text, int from) {
        int at = from;
        while (true) {
            int comma = text.indexOf(", ", at);
            if (comma < 0) {
                return text.length();
            }
            int j = comma + 2;
            while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '-'
                    || text.charAt(j) == '_')) {
                j++;
            }
            if (j > comma + 2 && j < text.length() && text.charAt(j) == '=') {
                return comma;
            }
            at = comma + 2;
        }
    }

    static Set<String> flags(String value) {
        if (value == null) {
            return Set.of();
        }
        String inner = value.startsWith("(") ? value.substring(1, value.endsWith(")") ? value.length() - 1
                : value.length()) : value;
        Set<String> flags = new LinkedHashSet<>();
        for (String flag : inner.split(" ")) {
            // \Recent belongs to one session, not to the message
            if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The value of {@code key} (e.g. {@code rip=}) up to the next ", " in login fields, or null. */
    static String field(String fields, String key) {
        int at = indexOfKey(fields, key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = fields.indexOf(", ", start);
        return emptyToNull(fields.substring(start, end < 0 ? fields.length() : end).trim());
    }

    /** The value of {@code key<...>} (e.g. {@code session=<}), or null. */
    static String bracketed(String fields, String key) {
        int at = indexOfKey(fields, key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = fields.indexOf('>', start);
        return end < 0 ? null : fields.substring(start, end);
    }

    private static int indexOfKey(String fields, String key) {
        int at = fields.indexOf(key);
        while (at > 0 && fields.charAt(at - 1) != ' ') {
            at = fields.indexOf(key, at + 1);
        }
        return at;
    }

    private static String withoutLevel(String message) {
        for (String level : LEVELS) {
            if (message.startsWith(level)) {
                return message.substring(level.length());
            }
        }
        return message;
    }

    /** Syslog puts {@code host dovecot: } or {@code host dovecot[123]: } between the time and Dovecot's own prefix. */
    private static int skipSyslogTag(String line, int start) {
        if (line.startsWith("dovecot: ", start) || line.startsWith("dovecot[", start)) {
            int colon = line.indexOf(": ", start);
            return colon < 0 ? start : colon + 2;
        }
        int space = line.indexOf(' ', start);
        if (space > 0 && (line.startsWith("dovecot: ", space + 1) || line.startsWith("dovecot[", space + 1))) {
            int colon = line.indexOf(": ", space + 1);
            return colon < 0 ? start : colon + 2;
        }
        return start;
    }

    private static boolean isServiceChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** The line's time; {@code end[0]} set past the timestamp and the space after it. Null when there is none. */
    private Instant timestamp(String line, int[] end) {
        char first = line.charAt(0);
        if (first >= '0' && first <= '9') {
            int space = line.indexOf(' ', 19);
            if (space < 0) {
                return null;
            }
            String text = line.substring(0, space);
            end[0] = space + 1;
            try {
                if (line.charAt(10) == 'T') {
                    if (text.endsWith("Z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10) {
                        return OffsetDateTime.parse(text).toInstant();
                    }
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                }
                // "2026-11-28 11:12:04" (log_timestamp = "%Y-%m-%d %H:%M:%S ")
                return LocalDateTime.parse(text.substring(0, 10) + "T" + line.substring(11, 19)).atZone(zone)
                        .toInstant();
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                return null;
            }
        }
        // "Nov 28 11:12:04 " (Dovecot's default log_timestamp) or syslog's "Nov  3 11:12:04 "
        if (line.charAt(3) != ' ' || line.charAt(15) != ' ' || line.charAt(9) != ':' || line.charAt(12) != ':') {
            return null;
        }
        String day = line.substring(0, 6);
        LocalDate date = day.equals(cachedDay) ? cachedDate : date(day);
        if (date == null) {
            return null;
        }
        cachedDay = day;
        cachedDate = date;
        end[0] = 16;
        LocalTime time = LocalTime.of(twoDigits(line, 7), twoDigits(line, 10), twoDigits(line, 13));
        return LocalDateTime.of(date, time).atZone(zone).toInstant();
    }

    private LocalDate date(String monthDay) {
        int month = -1;
        for (int m = 0; m < 12; m++) {
            if (monthDay.startsWith(MONTHS[m])) {
                month = m + 1;
            }
        }
        String dayText = monthDay.substring(4).trim();
        if (month < 0 || dayText.isEmpty() || !dayText.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int day = Integer.parseInt(dayText);
        LocalDate tomorrow = LocalDate.now(clock.withZone(zone)).plusDays(1);
        for (int year = tomorrow.getYear(); year >= tomorrow.getYear() - 4; year--) {
            if (java.time.YearMonth.of(year, month).isValidDay(day)) {
                LocalDate candidate = LocalDate.of(year, month, day);
                if (!candidate.isAfter(tomorrow)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static int twoDigits(String line, int at) {
        char tens = line.charAt(at);
        char units = line.charAt(at + 1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            throw new IllegalArgumentException("not a number at " + at);
        }
        return (tens - '0') * 10 + (units - '0');
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
