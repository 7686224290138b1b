package io.vanishwatch.collector.serverlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.serverlog.LogRecord.MailAction.Kind;
import io.vanishwatch.collector.serverlog.SessionJoiner.Outcome;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.ServerLogEvent.Action;

/**
 * The parser and the session joiner on lines Dovecot 2.3.19 wrote here (src/test/resources/serverlog): a wrong
 * password after ID, an unknown user, ID before and after login from 127.0.0.2-6, a copy, a move, \Deleted and
 * expunge, a flag change, a POP3 session that retrieves and deletes, a wrong POP3 password — and garbage at the end.
 */
class DovecotLogParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private final DovecotLogParser parser = new DovecotLogParser(ZoneOffset.UTC, CLOCK);

    private static List<String> fixture() throws IOException {
        try (InputStream in = DovecotLogParserTest.class.getResourceAsStream("/serverlog/dovecot-2.3.19.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldReadALoginWithItsSessionAndTheClientsAddress() {
        LogRecord record = parser.parse("Nov 28 11:11:56 imap-login: Info: Login: user=<alice>, method=PLAIN, "
                + "rip=127.0.0.2, rport=39197, lip=127.0.0.1, mpid=19485, session=<CYKrPlRhHZl/AAAC>").orElseThrow();

        assertThat(record).isEqualTo(new LogRecord.Login(Instant.parse("2026-11-28T11:11:56Z"), "imap",
                "CYKrPlRhHZl/AAAC", "alice", "PLAIN", "127.0.0.2"));
    }

    @Test
    void shouldReadAWrongPasswordWithTheServersReason() {
        LogRecord record = parser.parse("Nov 28 11:11:56 imap-login: Info: Disconnected: Aborted login by logging out "
                + "(auth failed, 1 attempts in 1 secs): user=<alice>, method=PLAIN, rip=127.0.0.3, rport=58447, "
                + "lip=127.0.0.1, session=<nRCcPlRhT+R/AAAD>").orElseThrow();

        assertThat(record).isEqualTo(new LogRecord.LoginFailed(Instant.parse("2026-11-28T11:11:56Z"), "imap",
                "nRCcPlRhT+R/AAAD", "alice", "PLAIN", "127.0.0.3", "auth failed, 1 attempts in 1 secs"));
    }

    @Test
    void shouldReadTheClientsIdBeforeLoginFromTheLoginProcessAndAfterFromTheMailProcess() {
        assertThat(parser.parse("Nov 28 11:11:56 imap-login: Info: ID sent: name=Mac OS X Mail, version=16.0: "
                + "user=<>, rip=127.0.0.2, rport=39197, lip=127.0.0.1, session=<CYKrPlRhHZl/AAAC>").orElseThrow())
                .isEqualTo(new LogRecord.ClientId(Instant.parse("2026-11-28T11:11:56Z"), "imap", "CYKrPlRhHZl/AAAC",
                        null, "127.0.0.2", "Mac OS X Mail", "16.0"));
        assertThat(parser.parse("Nov 28 11:12:04 imap(alice)<19689><C1UgP1Rh96F/AAAE> rip=127.0.0.4: Info: ID sent: "
                + "name=Thunderbird, version=115.3.1").orElseThrow())
                .isEqualTo(new LogRecord.ClientId(Instant.parse("2026-11-28T11:12:04Z"), "imap", "C1UgP1Rh96F/AAAE",
                        "alice", "127.0.0.4", "Thunderbird", "115.3.1"));
    }

    @Test
    void shouldReadACopyWithItsSourceAndTheCopysUidInTheDestination() {
        LogRecord.MailAction copy = (LogRecord.MailAction) parser.parse("Nov 28 11:11:56 imap(alice)<19485>"
                + "<CYKrPlRhHZl/AAAC> rip=127.0.0.2: Info: copy from INBOX: box=Junk, uid=2, msgid=<m2@example.org>, "
                + "size=74, from=bob@example.org, subject=hello, flags=(), x=1, flags=(\\Seen)").orElseThrow();

        assertThat(copy.kind()).isEqualTo(Kind.COPY);
        assertThat(copy.fromBox()).isEqualTo("INBOX");
        assertThat(copy.box()).isEqualTo("Junk");
        assertThat(copy.uid()).isEqualTo(2L);
        assertThat(copy.messageId()).isEqualTo("<m2@example.org>");
        assertThat(copy.flags()).as("the last flags= are the flags; a subject cannot fake them").containsExactly("\\Seen");
    }

    @Test
    void shouldReadSyslogLinesAndTimestampsWithTheYear() {
        LogRecord syslog = parser.parse("Nov  3 09:00:01 mail dovecot[812]: imap(bob)<5><s1>: expunge: box=INBOX, "
                + "uid=7, msgid=<x@y>").orElseThrow();
        LogRecord iso = parser.parse("2025-12-31T23:59:59.250+01:00 imap-login: Login: user=<bob>, method=PLAIN, "
                + "rip=192.0.2.14, lip=192.0.2.1, mpid=5, session=<s2>").orElseThrow();

        assertThat(syslog).isEqualTo(new LogRecord.MailAction(Instant.parse("2026-11-03T09:00:01Z"), "imap", "s1",
                "bob", null, Kind.EXPUNGE, "INBOX", null, 7L, "<x@y>", Set.of()));
        assertThat(iso.at()).isEqualTo(Instant.parse("2025-12-31T22:59:59.250Z"));
    }

    @Test
    void shouldGiveALogWithoutYearTheLatestYearNotInTheFuture() {
        LogRecord december = parser.parse("Dec 31 23:00:00 imap-login: Info: Login: user=<bob>, session=<s>").orElseThrow();

        assertThat(december.at()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
    }

    @Test
    void shouldTurnTheRealLogIntoEventsOfTheWatchedAccountAndCountTheRest() throws IOException {
        SessionJoiner joiner = new SessionJoiner(Map.of("alice", "office"), "dovecot", Duration.ofHours(1), 1000);
        List<ServerLogEvent> events = new ArrayList<>();
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        List<String> lines = fixture();
        for (int i = 0; i < lines.size(); i++) {
            SessionJoiner.Joined joined = joiner.accept(parser.parse(lines.get(i)).orElse(null), "fixture:" + i);
            outcomes.merge(joined.outcome(), 1, Integer::sum);
            if (joined.event() != null) {
                events.add(joined.event());
            }
        }

        assertThat(events).extracting(ServerLogEvent::action, ServerLogEvent::protocol, ServerLogEvent::clientIp,
                ServerLogEvent::clientName, ServerLogEvent::folder, ServerLogEvent::uid, ServerLogEvent::messageId,
                ServerLogEvent::destinationFolder, ServerLogEvent::destinationUid).containsExactly(
                tuple(Action.LOGIN_FAILED, "imap", "127.0.0.3", "iPhone Mail", null, null, null, null, null),
                tuple(Action.LOGIN_OK, "imap", "127.0.0.2", "Mac OS X Mail", null, null, null, null, null),
                tuple(Action.FLAGS_CHANGED, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", 1L, "<m0@example.org>", null, null),
                tuple(Action.COPY, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", null, "<m1@example.org>", "Junk", 1L),
                tuple(Action.COPY, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", null, "<m2@example.org>", "Junk", 2L),
                tuple(Action.EXPUNGE, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", 3L, "<m2@example.org>", null, null),
                tuple(Action.DELETE_FLAG_SET, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", 4L, "<m3@example.org>", null, null),
                tuple(Action.EXPUNGE, "imap", "127.0.0.2", "Mac OS X Mail", "INBOX", 4L, "<m3@example.org>", null, null),
                tuple(Action.LOGIN_OK, "imap", "127.0.0.4", null, null, null, null, null, null),
                tuple(Action.LOGIN_OK, "imap", "127.0.0.4", null, null, null, null, null, null),
                tuple(Action.DELETE_FLAG_SET, "imap", "127.0.0.4", "Thunderbird", "Junk", 1L, "<m1@example.org>", null, null),
                tuple(Action.EXPUNGE, "imap", "127.0.0.4", "Thunderbird", "Junk", 1L, "<m1@example.org>", null, null),
                tuple(Action.LOGIN_OK, "imap", "127.0.0.5", null, null, null, null, null, null),
                tuple(Action.LOGIN_OK, "pop3", "127.0.0.5", null, null, null, null, null, null),
                tuple(Action.EXPUNGE, "pop3", "127.0.0.5", null, "INBOX", 1L, "<m0@example.org>", null, null),
                tuple(Action.POP3_RETRIEVE, "pop3", "127.0.0.5", null, "INBOX", 2L, "<m1@example.org>", null, null),
                tuple(Action.POP3_RETRIEVE, "pop3", "127.0.0.5", null, "INBOX", 5L, "<p1@example.org>", null, null),
                tuple(Action.LOGIN_FAILED, "pop3", "127.0.0.5", null, null, null, null, null, null),
                tuple(Action.LOGIN_FAILED, "imap", "127.0.0.6", "Outlook", null, null, null, null, null),
                tuple(Action.LOGIN_FAILED, "imap", "127.0.0.6", null, null, null, null, null, null));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.account()).isEqualTo("office");
            assertThat(e.user()).isEqualTo("alice");
            assertThat(e.source()).isEqualTo("dovecot");
        });
        assertThat(events.get(0).reason()).isEqualTo("auth failed, 1 attempts in 1 secs");
        assertThat(events.get(0).clientVersion()).isEqualTo("1.0");
        assertThat(events.get(1).session()).isEqualTo("CYKrPlRhHZl/AAAC");
        assertThat(events.get(6).flags()).containsExactly("\\Deleted");
        assertThat(events.get(19).reason()).isEqualTo("auth failed, 2 attempts in 1 secs");
        assertThat(events).extracting(ServerLogEvent::eventId).doesNotHaveDuplicates();
        assertThat(outcomes).containsEntry(Outcome.PARSED, 20).containsEntry(Outcome.UNWATCHED, 1)
                .containsEntry(Outcome.UNKNOWN, 7).containsEntry(Outcome.SKIPPED, lines.size() - 28);
        assertThat(joiner.sessions()).as("every session of the log disconnected").isZero();
    }

    @Test
    void shouldForgetIdleSessionsAndKeepAtMostTheLimit() {
        SessionJoiner joiner = new SessionJoiner(Map.of("alice", "office"), "dovecot", Duration.ofMinutes(10), 2);
        for (String session : List.of("a", "b", "c")) {
            joiner.accept(new LogRecord.ClientId(Instant.parse("2026-11-28T10:00:00Z"), "imap", session, null,
                    "127.0.0.1", "Mail", null), session);
        }
        assertThat(joiner.sessions()).isEqualTo(2);

        joiner.accept(new LogRecord.Ignored(Instant.parse("2026-11-28T10:11:00Z")), "later");
        assertThat(joiner.sessions()).isZero();
    }
}
