package io.vanishwatch.analyzer.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

/**
 * Turns a scenario's {@code events} into what the analyzer is given: mailbox events built with {@link MailboxEvent}'s
 * own factories (so event ids are the collector's), and pauses of the wall clock. Like the collector, it remembers
 * each message it has described by folder and UID, so a later FLAGS_CHANGED or REMOVED of it needs only the UID.
 */
final class ScenarioInput {

    /** The default size of a message whose scenario gives none. */
    private static final long DEFAULT_SIZE = 24_576;
    /** The UIDVALIDITY of a folder whose scenario gives none. */
    private static final long DEFAULT_UID_VALIDITY = 1_709_251_200L;

    /** One thing that happens to the analyzer: an event is piped, or the wall clock runs on. */
    sealed interface Input permits Piped, WallClock {
    }

    record Piped(MailboxEvent event) implements Input {
    }

    record WallClock(Duration advance) implements Input {
    }

    private record Draft(Scenario.Step step, int index, Instant at) {
    }

    private record MessageKey(String account, String folder, long uidValidity, long uid) {
    }

    private final Scenario scenario;
    private final ScenarioTime time;
    private final Map<MessageKey, MessageSummary> known = new HashMap<>();
    private final Map<String, Long> uidValidities = new HashMap<>();

    private ScenarioInput(Scenario scenario, ScenarioTime time) {
        this.scenario = scenario;
        this.time = time;
    }

    /**
     * The inputs in order: the events between two wall-clock steps are expanded (repeats) and put in time order,
     * keeping the file's order for events at the same instant.
     */
    static List<Input> of(Scenario scenario, ScenarioTime time) {
        return new ScenarioInput(scenario, time).build();
    }

    private List<Input> build() {
        List<Input> inputs = new ArrayList<>();
        List<Draft> segment = new ArrayList<>();
        int line = 0;
        for (Scenario.Step step : scenario.events()) {
            line++;
            try {
                if (step.advanceWallClock() != null) {
                    if (step.type() != null || step.at() != null) {
                        throw new IllegalArgumentException("advanceWallClock stands alone (no type, no at)");
                    }
                    flush(segment, inputs);
                    inputs.add(new WallClock(ScenarioTime.duration(step.advanceWallClock())));
                } else {
                    segment.addAll(expand(step));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("events[" + (line - 1) + "]: " + e.getMessage(), e);
            }
        }
        flush(segment, inputs);
        return inputs;
    }

    private List<Draft> expand(Scenario.Step step) {
        if (step.type() == null || step.at() == null) {
            throw new IllegalArgumentException("an event needs a type and an at");
        }
        Instant at = time.instant(step.at());
        Scenario.Repeat repeat = step.repeat();
        if (repeat == null) {
            return List.of(new Draft(step, 0, at));
        }
        if (repeat.count() < 1 || repeat.every() == null) {
            throw new IllegalArgumentException("repeat needs a count >= 1 and every");
        }
        Duration every = ScenarioTime.duration(repeat.every());
        int groupsOf = repeat.groupsOf() == null ? 1 : repeat.groupsOf();
        Duration spacing = repeat.spacing() == null ? Duration.ofSeconds(1) : ScenarioTime.duration(repeat.spacing());
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < repeat.count(); i++) {
            drafts.add(new Draft(step, i, at.plus(every.multipliedBy(i / groupsOf)).plus(spacing.multipliedBy(i % groupsOf))));
        }
        return drafts;
    }

    private void flush(List<Draft> segment, List<Input> inputs) {
        segment.sort(Comparator.comparing(Draft::at)); // stable: same instant keeps the file's order
        for (Draft draft : segment) {
            inputs.add(new Piped(event(draft)));
        }
        segment.clear();
    }

    private MailboxEvent event(Draft draft) {
        Scenario.Step step = draft.step();
        String account = step.account() != null ? step.account() : scenario.account();
        String folder = step.folder() != null ? step.folder() : "INBOX";
        FolderRole role = role(folder, step.role());
        long uidValidity = step.uidValidity() != null && step.type() != Type.UIDVALIDITY_CHANGED
                ? step.uidValidity() : uidValidity(account, folder);
        Instant at = draft.at();
        return switch (step.type()) {
            case WATCH_STATE -> {
                if (step.state() == null) {
                    throw new IllegalArgumentException("a WATCH_STATE needs a state");
                }
                yield MailboxEvent.watchState(account, folder, role, step.state(), step.reason(), at);
            }
            case UIDVALIDITY_CHANGED -> {
                if (step.uidValidity() == null) {
                    throw new IllegalArgumentException("a UIDVALIDITY_CHANGED needs the new uidValidity");
                }
                uidValidities.put(account + "\u0000" + folder, step.uidValidity());
                yield MailboxEvent.folder(Type.UIDVALIDITY_CHANGED, account, folder, role, step.uidValidity(), at,
                        detectedBy(step, MailboxEvent.DetectedBy.RESYNC), reason(step, "UIDVALIDITY changed from "
                                + uidValidity + " to " + step.uidValidity()));
            }
            case FOLDER_RESYNCED, FOLDER_ADDED, FOLDER_REMOVED -> MailboxEvent.folder(step.type(), account, folder, role,
                    uidValidity, at, detectedBy(step, MailboxEvent.DetectedBy.RESYNC), step.reason());
            case ARRIVED, FLAGS_CHANGED, REMOVED -> message(draft, account, folder, role, uidValidity);
        };
    }

    private MailboxEvent message(Draft draft, String account, String folder, FolderRole role, long uidValidity) {
        Scenario.Step step = draft.step();
        if (step.uid() == null) {
            throw new IllegalArgumentException(step.type() + " needs a uid");
        }
        long uid = step.uid() + draft.index();
        MessageKey key = new MessageKey(account, folder, uidValidity, uid);
        MessageSummary summary = summary(draft, key, uid);
        Instant at = draft.at();
        MailboxEvent.DetectedBy detectedBy = detectedBy(step,
                role == FolderRole.INBOX ? MailboxEvent.DetectedBy.IDLE : MailboxEvent.DetectedBy.SCOUT);
        Instant lastSeenAt = time.instant(step.lastSeenAt());
        switch (step.type()) {
            case ARRIVED, FLAGS_CHANGED -> known.put(key, summary);
            default -> known.remove(key);
        }
        if (step.type() == Type.REMOVED) {
            return MailboxEvent.removed(account, folder, role, uidValidity, uid, summary, at, detectedBy, lastSeenAt,
                    verdict(step.verdict(), folder, draft.index(), at));
        }
        if (step.verdict() != null) {
            throw new IllegalArgumentException("only a REMOVED has a verdict");
        }
        return MailboxEvent.message(step.type(), account, folder, role, uidValidity, uid, summary, at, detectedBy,
                lastSeenAt);
    }

    /** The message as the event describes it: its own fields, else its named message, else what was known of it. */
    private MessageSummary summary(Draft draft, MessageKey key, long uid) {
        Scenario.Step step = draft.step();
        Scenario.MessageSpec named = null;
        if (step.msg() != null) {
            named = scenario.messages().get(step.msg());
            if (named == null) {
                throw new IllegalArgumentException("no message named '" + step.msg() + "' in messages");
            }
        }
        MessageSummary before = known.get(key);
        if (named == null && before == null && step.messageId() == null && step.type() != Type.ARRIVED) {
            throw new IllegalArgumentException(step.type() + " of " + key.folder() + " UID " + uid
                    + ": that message is not known here; give msg or messageId/from/subject");
        }
        String messageId = pick(template(step.messageId(), draft, uid), named == null ? null : named.messageId(),
                before == null ? null : before.messageId());
        String from = pick(template(step.from(), draft, uid), named == null ? null : named.from(),
                before == null ? null : before.from());
        String subject = pick(template(step.subject(), draft, uid), named == null ? null : named.subject(),
                before == null ? null : before.subject());
        Long size = pick(step.size(), named == null ? null : named.size(), before == null ? null : before.size());
        Instant internalDate = internalDate(draft, named, before);
        Set<String> flags = new TreeSet<>(before != null ? before.flags()
                : named != null && named.flags() != null ? named.flags() : List.of());
        if (step.flags() != null) {
            flags = new TreeSet<>(step.flags());
        }
        if (step.seen() != null) {
            if (step.seen()) {
                flags.add(MailboxEvent.SEEN);
            } else {
                flags.remove(MailboxEvent.SEEN);
            }
        }
        return new MessageSummary(messageId, from, subject, size == null ? DEFAULT_SIZE : size, internalDate, flags);
    }

    private Instant internalDate(Draft draft, Scenario.MessageSpec named, MessageSummary before) {
        Scenario.Step step = draft.step();
        String written = step.internalDate() != null ? step.internalDate() : named == null ? null : named.internalDate();
        if (written != null) {
            Instant date = time.instant(written);
            Scenario.Repeat repeat = step.repeat();
            return repeat != null && repeat.internalDateEvery() != null && step.internalDate() != null
                    ? date.plus(ScenarioTime.duration(repeat.internalDateEvery()).multipliedBy(draft.index())) : date;
        }
        if (before != null && before.internalDate() != null) {
            return before.internalDate();
        }
        // delivered when it arrived: the server's INTERNALDATE is the delivery time
        return step.type() == Type.ARRIVED ? draft.at() : null;
    }

    private Verdict verdict(Scenario.VerdictSpec spec, String leftFolder, int index, Instant at) {
        if (spec == null) {
            return null;
        }
        Set<String> checked = new LinkedHashSet<>(scenario.folders().keySet());
        checked.add("INBOX");
        checked.remove(leftFolder);
        if (Boolean.TRUE.equals(spec.inNoFolder())) {
            if (spec.in() != null) {
                throw new IllegalArgumentException("a verdict is either in a folder or inNoFolder");
            }
            return Verdict.inNoFolder(at, List.copyOf(checked));
        }
        if (spec.in() == null || spec.uid() == null) {
            throw new IllegalArgumentException("a verdict names the folder (in) and the uid there, or inNoFolder: true");
        }
        return Verdict.inFolder(spec.in(), role(spec.in(), spec.role()), spec.uid() + index, at, List.copyOf(checked));
    }

    private FolderRole role(String folder, FolderRole written) {
        if (written != null) {
            return written;
        }
        Scenario.FolderSpec spec = scenario.folders().get(folder);
        if (spec != null && spec.role() != null) {
            return spec.role();
        }
        if (folder.equalsIgnoreCase("INBOX")) {
            return FolderRole.INBOX;
        }
        throw new IllegalArgumentException("folder '" + folder + "' has no role: add it to folders or give role");
    }

    private long uidValidity(String account, String folder) {
        return uidValidities.computeIfAbsent(account + "\u0000" + folder, any -> {
            Scenario.FolderSpec spec = scenario.folders().get(folder);
            return spec != null && spec.uidValidity() != null ? spec.uidValidity() : DEFAULT_UID_VALIDITY;
        });
    }

    private static MailboxEvent.DetectedBy detectedBy(Scenario.Step step, MailboxEvent.DetectedBy otherwise) {
        return step.detectedBy() != null ? step.detectedBy() : otherwise;
    }

    private static String reason(Scenario.Step step, String otherwise) {
        return step.reason() != null ? step.reason() : otherwise;
    }

    private static String template(String text, Draft draft, long uid) {
        return text == null ? null : text.replace("{n}", Long.toString(uid)).replace("{i}", Integer.toString(draft.index() + 1));
    }

    @SafeVarargs
    private static <T> T pick(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
