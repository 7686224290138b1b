package io.vanishwatch.collector.watch;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeUtility;

import io.vanishwatch.local.mail.DovecotServer;

/**
 * Writes generated mail straight into Dovecot users' maildirs before their first login — thousands of IMAP APPENDs
 * would take longer than the benchmark: 70 % of an account's messages in INBOX, 10 % in each of Junk, Trash and
 * Archive, with a Message-ID, a sender with a display name, a subject of 30–80 characters and the flags a mailbox
 * in use has. The same seed gives the same mail.
 */
final class MaildirFill {

    /** What was written: messages, bytes of mail, and how long it took (chown included). */
    record Filled(long messages, long bytes, long millis) {
    }

    private static final String[] FIRST = {"Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hugo", "Ines",
        "Jonas", "Kateřina", "Luca", "Maja", "Nils", "Olga", "Pedro", "Rosa", "Sven", "Tereza", "Yusuf"};
    private static final String[] LAST = {"Andersen", "Bauer", "Costa", "Dubois", "Eriksson", "Fischer", "García",
        "Horvat", "Ivanova", "Jensen", "Kowalski", "Lambert", "Müller", "Novak", "Okafor", "Petit", "Rossi",
        "Schmidt", "Tanaka", "Weber"};
    private static final String[] DOMAINS = {"example.org", "mail.example.com", "lists.example.net", "shop.example",
        "bank.example", "news.example.org", "partner.example.co.uk", "university.example.edu"};
    private static final String[] WORDS = {"invoice", "meeting", "quarterly", "report", "your", "order", "has",
        "shipped", "reminder", "project", "update", "about", "the", "new", "contract", "draft", "for", "review",
        "weekly", "newsletter", "account", "statement", "available", "agenda", "Tuesday", "budget", "proposal",
        "travel", "booking", "confirmation", "password", "change", "request", "team", "lunch", "minutes", "of",
        "and", "next", "steps", "delivery", "delayed", "feedback", "on", "presentation", "schedule", "Q3", "2026"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long TWO_YEARS = TimeUnit.DAYS.toSeconds(730);

    private MaildirFill() {
    }

    /**
     * Fills every user's maildir with {@code perAccount} messages in INBOX and {@code otherFolders} (70 % in INBOX,
     * the rest shared equally), then hands the files to Dovecot's mail user.
     */
    static Filled fill(DovecotServer dovecot, List<String> users, List<String> otherFolders, int perAccount) {
        long begin = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        Instant now = Instant.now();
        IntStream.range(0, users.size()).parallel().forEach(index -> {
            String user = users.get(index);
            SplittableRandom random = new SplittableRandom(index);
            Path maildir = dovecot.maildir(user);
            int written = 0;
            for (Map.Entry<String, Integer> folder : spread(otherFolders, perAccount).entrySet()) {
                Path dir = folder.getKey().equals("INBOX") ? maildir : maildir.resolve("." + folder.getKey());
                Path cur = createFolder(dir, !folder.getKey().equals("INBOX"));
                for (int i = 0; i < folder.getValue(); i++) {
                    bytes.addAndGet(write(cur, user, index, written++, folder.getKey(), now, random));
                }
            }
        });
        dovecot.handMailToMailUser();
        return new Filled((long) users.size() * perAccount, bytes.get(), (System.nanoTime() - begin) / 1_000_000);
    }

    /** How many messages go to each folder: 70 % to INBOX, 10 % to each other folder of three. */
    static Map<String, Integer> spread(List<String> otherFolders, int perAccount) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int other = otherFolders.isEmpty() ? 0 : (int) Math.round(perAccount * 0.3 / otherFolders.size());
        counts.put("INBOX", perAccount - other * otherFolders.size());
        otherFolders.forEach(folder -> counts.put(folder, other));
        return counts;
    }

    private static Path createFolder(Path dir, boolean subfolder) {
        try {
            Files.createDirectories(dir.resolve("new"));
            Files.createDirectories(dir.resolve("tmp"));
            if (subfolder) {
                Files.writeString(dir.resolve("maildirfolder"), "");
            }
            return Files.createDirectories(dir.resolve("cur"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** One message in {@code cur/} with its flags in the name (Dovecot's base name, S= and W= sizes); its size. */
    private static int write(Path cur, String user, int account, int n, String folder, Instant now,
                             SplittableRandom random) {
        int sender = random.nextInt(2_000);
        String first = FIRST[sender % FIRST.length];
        String last = LAST[(sender / FIRST.length) % LAST.length];
        String domain = DOMAINS[sender % DOMAINS.length];
        String address = (first + "." + last).toLowerCase(Locale.ROOT)
                .replace('é', 'e').replace('ř', 'r').replace('ü', 'u').replace('í', 'i') + "@" + domain;
        String from = sender % 8 == 0 ? "<" + address + ">" : displayName(first + " " + last) + " <" + address + ">";
        Instant date = now.minusSeconds(random.nextLong(TWO_YEARS));
        String subject = subject(random);
        String messageId = String.format(Locale.ROOT, "<%d.%x.%d@%s>", date.getEpochSecond(), random.nextLong(),
                account, domain);
        String flags = flags(folder, random);
        StringBuilder text = new StringBuilder(1024)
                .append("Return-Path: <").append(address).append(">\n")
                .append("Message-ID: ").append(messageId).append('\n')
                .append("Date: ").append(DATE.format(date)).append('\n')
                .append("From: ").append(from).append('\n')
                .append("To: ").append(user).append("@vanishwatch.test\n")
                .append("Subject: ").append(subject).append('\n')
                .append("MIME-Version: 1.0\n")
                .append("Content-Type: text/plain; charset=utf-8\n")
                .append("Content-Transfer-Encoding: 8bit\n\n");
        int lines = 3 + random.nextInt(8);
        for (int i = 0; i < lines; i++) {
            text.append(subject(random)).append('\n');
        }
        byte[] raw = text.toString().getBytes(StandardCharsets.UTF_8);
        long newlines = text.chars().filter(c -> c == '\n').count();
        String name = String.format(Locale.ROOT, "%d.M%dP%dQ%d.vanishwatch,S=%d,W=%d:2,%s", date.getEpochSecond(),
                n, account, n, raw.length, raw.length + newlines, flags);
        Path file = cur.resolve(name);
        try {
            Files.write(file, raw);
            Files.setLastModifiedTime(file, FileTime.from(date)); // a maildir's INTERNALDATE
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return raw.length;
    }

    /** A display name as a header carries it: quoted, or an RFC 2047 encoded word when it is not ASCII. */
    private static String displayName(String name) {
        try {
            String encoded = MimeUtility.encodeWord(name, "UTF-8", "Q");
            return encoded.equals(name) ? "\"" + name + "\"" : encoded;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maildir flag letters in ASCII order: F \Flagged, R \Answered, S \Seen. */
    private static String flags(String folder, SplittableRandom random) {
        int roll = random.nextInt(100);
        boolean seen = switch (folder) {
            case "INBOX" -> roll < 80;
            case "Junk" -> roll < 30;
            default -> roll < 95;
        };
        boolean answered = seen && random.nextInt(100) < (folder.equals("INBOX") ? 15 : 5);
        boolean flagged = random.nextInt(100) < (folder.equals("INBOX") ? 5 : 1);
        return (flagged ? "F" : "") + (answered ? "R" : "") + (seen ? "S" : "");
    }

    /** 30–80 characters of words, now and then a reply. */
    private static String subject(SplittableRandom random) {
        int length = 30 + random.nextInt(51);
        StringBuilder subject = new StringBuilder(random.nextInt(5) == 0 ? "Re: " : "");
        while (subject.length() < length) {
            if (subject.length() > 0 && subject.charAt(subject.length() - 1) != ' ') {
                subject.append(' ');
            }
            subject.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return subject.substring(0, length).strip();
    }
}
