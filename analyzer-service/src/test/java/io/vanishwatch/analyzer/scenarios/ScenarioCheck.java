package io.vanishwatch.analyzer.scenarios;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.test.TestRecord;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;

/**
 * Compares what the analyzer emitted with what the scenario expects: every disappearance must be expected (by
 * account, folder and UID) and every expected one emitted; the alerts must be exactly the expected list, in order.
 * A failure lists everything that was emitted, so a wrong scenario (or a wrong analyzer) shows at once.
 */
final class ScenarioCheck {

    /** {@code -Dscenarios.print=true} prints what was emitted for passing scenarios too: handy when writing one. */
    static final String PRINT = "scenarios.print";

    private record Where(String account, String folder, long uid) {
    }

    private final Scenario scenario;
    private final ScenarioTime time;
    private final List<String> problems = new ArrayList<>();

    private ScenarioCheck(Scenario scenario, ScenarioTime time) {
        this.scenario = scenario;
        this.time = time;
    }

    /** @throws AssertionError naming every difference, then all disappearances and alerts emitted */
    static void verify(Scenario scenario, ScenarioTime time, List<TestRecord<String, Disappearance>> disappearances,
                       List<TestRecord<String, Alert>> alerts) {
        ScenarioCheck check = new ScenarioCheck(scenario, time);
        check.disappearances(disappearances.stream().map(TestRecord::value).toList());
        check.alerts(alerts);
        if (!check.problems.isEmpty()) {
            throw new AssertionError(check.report(disappearances, alerts));
        }
        if (Boolean.getBoolean(PRINT)) {
            System.out.println(check.report(disappearances, alerts));
        }
    }

    private void disappearances(List<Disappearance> actual) {
        Map<Where, Scenario.DisappearanceSpec> expected = new HashMap<>();
        List<Where> order = new ArrayList<>();
        for (Scenario.DisappearanceSpec spec : scenario.expect().disappearances()) {
            for (long uid : uids(spec)) {
                Where where = new Where(spec.account() != null ? spec.account() : scenario.account(),
                        spec.folder() != null ? spec.folder() : "INBOX", uid);
                if (expected.put(where, spec) != null) {
                    throw new IllegalArgumentException("expect.disappearances names " + where + " twice");
                }
                order.add(where);
            }
        }
        Map<Where, Integer> seen = new HashMap<>();
        for (Disappearance d : actual) {
            Where where = new Where(d.account(), d.folder(), d.uid());
            if (seen.merge(where, 1, Integer::sum) > 1) {
                problems.add("disappearance of " + label(where) + " emitted more than once");
                continue;
            }
            Scenario.DisappearanceSpec spec = expected.get(where);
            if (spec == null) {
                problems.add("unexpected disappearance: " + describe(d));
                continue;
            }
            same("disappearance of " + label(where) + " destination", spec.destination(), d.destination());
            same("disappearance of " + label(where) + " movedTo", spec.movedTo(), d.movedToFolder());
            same("disappearance of " + label(where) + " movedToRole", spec.movedToRole(), d.movedToRole());
            same("disappearance of " + label(where) + " read", spec.read(), d.readBeforeRemoval());
        }
        order.stream().filter(where -> !seen.containsKey(where))
                .forEach(where -> problems.add("expected disappearance not emitted: " + label(where)));
    }

    private void alerts(List<TestRecord<String, Alert>> actual) {
        List<Scenario.AlertSpec> expected = scenario.expect().alerts();
        if (actual.size() != expected.size()) {
            problems.add("expected " + expected.size() + " alert(s), got " + actual.size());
        }
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            Scenario.AlertSpec spec = expected.get(i);
            TestRecord<String, Alert> record = actual.get(i);
            Alert alert = record.value();
            String name = "alert #" + (i + 1) + " (" + alert.status() + " " + alert.pattern() + ")";
            same(name + " status", spec.status(), alert.status());
            same(name + " pattern", spec.pattern(), alert.pattern());
            same(name + " severity", spec.severity(), alert.severity());
            same(name + " count", spec.count(), alert.count());
            same(name + " account", spec.account() != null ? spec.account() : scenario.account(), alert.account());
            same(name + " record key", alert.account(), record.key());
            if (spec.firstSeen() != null) {
                same(name + " firstSeen", time.instant(spec.firstSeen()), alert.firstSeen());
            }
            if (spec.at() != null) {
                same(name + " record timestamp", time.instant(spec.at()), record.getRecordTime());
            }
            if (spec.facts() != null) {
                spec.facts().forEach((fact, value) -> same(name + " facts." + fact, value, alert.facts().get(fact)));
            }
            contains(name + " summary", alert.summary(), spec.summaryContains());
            contains(name + " advice", alert.advice(), spec.adviceContains());
        }
    }

    private void same(String what, Object expected, Object actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            problems.add(what + ": expected " + show(expected) + ", was " + show(actual));
        }
    }

    private void contains(String what, String text, List<String> words) {
        if (words == null) {
            return;
        }
        for (String word : words) {
            if (text == null || !text.contains(word)) {
                problems.add(what + " does not contain \"" + word + "\"");
            }
        }
    }

    private String show(Object value) {
        return value instanceof Instant instant ? time.offset(instant) + " (" + instant + ")" : String.valueOf(value);
    }

    private static List<Long> uids(Scenario.DisappearanceSpec spec) {
        if ((spec.uid() == null) == (spec.uids() == null)) {
            throw new IllegalArgumentException("an expected disappearance has a uid or a range of uids (\"1001-1120\")");
        }
        if (spec.uid() != null) {
            return List.of(spec.uid());
        }
        String[] bounds = spec.uids().split("-");
        long from = Long.parseLong(bounds[0].trim());
        long to = Long.parseLong(bounds[bounds.length - 1].trim());
        List<Long> all = new ArrayList<>();
        for (long uid = from; uid <= to; uid++) {
            all.add(uid);
        }
        return all;
    }

    private String label(Where where) {
        return (where.account().equals(scenario.account()) ? "" : where.account() + " ") + where.folder() + " UID "
                + where.uid();
    }

    private String describe(Disappearance d) {
        return label(new Where(d.account(), d.folder(), d.uid())) + " " + d.messageId() + " removed "
                + time.offset(d.removedAt()) + ", dwell " + d.dwellTime() + ", " + (d.readBeforeRemoval() ? "read" : "unread")
                + ", " + d.whereItWent() + " [" + d.basis() + "]";
    }

    private String report(List<TestRecord<String, Disappearance>> disappearances, List<TestRecord<String, Alert>> alerts) {
        StringBuilder s = new StringBuilder("Scenario \"").append(scenario.title())
                .append(problems.isEmpty() ? "\" passed.\n" : "\" failed:\n");
        problems.forEach(p -> s.append("  - ").append(p).append('\n'));
        s.append("Alerts emitted (").append(alerts.size()).append("):\n");
        for (TestRecord<String, Alert> record : alerts) {
            Alert a = record.value();
            s.append("  ").append(time.offset(record.getRecordTime())).append(' ').append(a.status()).append(' ')
                    .append(a.pattern()).append(' ').append(a.severity()).append(" count=").append(a.count())
                    .append(" firstSeen=").append(time.offset(a.firstSeen()))
                    .append(" lastSeen=").append(time.offset(a.lastSeen()));
            if (!a.account().equals(scenario.account())) {
                s.append(" account=").append(a.account());
            }
            if (!a.facts().isEmpty()) {
                s.append(" facts=").append(new java.util.TreeMap<>(a.facts()));
            }
            s.append("\n      summary: ").append(a.summary()).append('\n');
        }
        s.append("Disappearances emitted (").append(disappearances.size()).append("):\n");
        int shown = 0;
        for (TestRecord<String, Disappearance> record : disappearances) {
            if (shown++ == 40) {
                s.append("  … ").append(disappearances.size() - 40).append(" more\n");
                break;
            }
            s.append("  ").append(describe(record.value())).append('\n');
        }
        return s.toString();
    }
}
