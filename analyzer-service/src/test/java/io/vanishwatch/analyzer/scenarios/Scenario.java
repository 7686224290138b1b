package io.vanishwatch.analyzer.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/**
 * One labelled scenario as written in {@code src/test/resources/scenarios/**.json}: what an account's collector
 * published, and which disappearances and alerts the analyzer must make of it (format: the README beside the files).
 * Unknown keys are refused, so a misspelt expectation fails instead of passing unchecked.
 */
record Scenario(String title, String description, String account, String start, Map<String, Object> settings,
                Map<String, FolderSpec> folders, Map<String, MessageSpec> messages, List<Step> events, Expect expect) {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    Scenario {
        settings = settings == null ? Map.of() : settings;
        folders = folders == null ? Map.of() : folders;
        messages = messages == null ? Map.of() : messages;
        events = events == null ? List.of() : events;
    }

    static Scenario read(Path file) {
        try {
            Scenario scenario = STRICT.readValue(file.toFile(), Scenario.class);
            if (scenario.title() == null || scenario.account() == null || scenario.start() == null
                    || scenario.expect() == null) {
                throw new IllegalArgumentException(file + ": title, account, start and expect are required");
            }
            return scenario;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** A folder of the account: its role and UIDVALIDITY (until a UIDVALIDITY_CHANGED gives a new one). */
    record FolderSpec(FolderRole role, Long uidValidity) {
    }

    /** A message named once and referred to by its name ({@code "msg"}) in the events that concern it. */
    record MessageSpec(String messageId, String from, String subject, Long size, String internalDate,
                       List<String> flags) {
    }

    /**
     * One line of {@code events}: a mailbox event, or (with {@code advanceWallClock} alone) the wall clock running on
     * with no input. With {@code repeat}, the event stands for {@code count} events, UID and time moving on.
     */
    record Step(String at, String advanceWallClock, MailboxEvent.Type type, String account, String folder,
                FolderRole role, Long uidValidity, Long uid, String msg, String messageId, String from, String subject,
                Long size, String internalDate, Boolean seen, List<String> flags, VerdictSpec verdict,
                MailboxEvent.WatchState state, String reason, MailboxEvent.DetectedBy detectedBy, String lastSeenAt,
                Repeat repeat, String note) {
    }

    /** Where the collector found the removed message: {@code {"in": "Junk", "uid": 88}} or {@code {"inNoFolder": true}}. */
    record VerdictSpec(String in, FolderRole role, Long uid, Boolean inNoFolder) {
    }

    /**
     * {@code count} events; the i-th (from 0) has UID {@code uid + i} and is at {@code at + (i / groupsOf) * every +
     * (i % groupsOf) * spacing}; {@code {n}} in messageId/from/subject becomes its UID, {@code {i}} its number from 1.
     */
    record Repeat(int count, String every, Integer groupsOf, String spacing, String internalDateEvery) {
    }

    record Expect(List<DisappearanceSpec> disappearances, List<AlertSpec> alerts, String note) {
        Expect {
            disappearances = disappearances == null ? List.of() : disappearances;
            alerts = alerts == null ? List.of() : alerts;
        }
    }

    /** The disappearance of one UID ({@code uid}) or a range ({@code uids}: "1001-1120") of one folder. */
    record DisappearanceSpec(Long uid, String uids, String folder, String account,
                             Disappearance.Destination destination, String movedTo, FolderRole movedToRole,
                             Boolean read, String note) {
    }

    /** One alert, in the order the analyzer must emit it. */
    record AlertSpec(Alert.Status status, Alert.Pattern pattern, Alert.Severity severity, Integer count,
                     String account, String firstSeen, String at, Map<String, String> facts,
                     List<String> summaryContains, List<String> adviceContains, String note) {
    }
}
