package io.vanishwatch.notifier.content;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * A notice worded for its receiver — in its language and time zone — and not yet formatted: every channel turns the
 * same parts into its own markup (plain text, HTML, Block Kit, an Adaptive Card, Markdown), so what is said, and that
 * each message of the evidence is said once, is decided here and only here.
 *
 * @param language         {@code en} or {@code ja}
 * @param subject          the notice in one line: the alert's headline, the group's, a reminder's or an undelivered one's
 * @param intro            what a reminder or an undelivered notice says before the alerts
 * @param sections         one per alert, in the notice's order
 * @param sectionHeadlines whether each section shows its own headline (not when the subject already is it)
 * @param footer           the notification's key and who sent it, for the channels that have room for a footer
 */
public record NoticeText(String language, String subject, Optional<String> intro, List<AlertSection> sections,
        boolean sectionHeadlines, List<Line> footer) {

    /**
     * What one alert says.
     *
     * @param whatHappened  in the English templates the analyzer's summary; in others built from the alert's data
     * @param fields        account, pattern, status, count, first and last seen, the alert key
     * @param evidenceTitle "The messages (3):"; empty when there is no evidence
     * @param more          "… and 2980 more" when not every message is listed
     */
    public record AlertSection(Alert alert, String headline, Optional<String> whatHappened, Optional<Line> likelyCause,
            List<String> facts, Optional<Line> whatToCheck, List<Line> fields, Optional<String> evidenceTitle,
            List<Evidence> evidence, Optional<String> more, Optional<Link> timeline) {
    }

    /** One vanished message: "\"Invoice 4711\" from billing@…" and its lines (arrival, removal, destination, id). */
    public record Evidence(String heading, List<String> lines) {
    }

    public record Link(String label, URI url) {
    }

    /** "… and 3 more alerts", for a channel whose limits leave no room for them. */
    public String moreAlerts(int count) {
        return Wording.of(language, ZoneOffset.UTC).moreAlerts(count);
    }

    /** The notice in the words of its receiver's language and zone. */
    public static NoticeText of(Notice notice) {
        return of(notice, Wording.of(notice.presentation()));
    }

    static NoticeText of(Notice notice, Wording words) {
        List<Alert> alerts = notice.alerts();
        Optional<String> timelineBase = notice.presentation().timelineBaseUrl();
        boolean brief = notice.kind() == Notice.Kind.UNDELIVERED;
        List<AlertSection> sections = alerts.stream()
                .map(alert -> brief ? briefSection(alert, words, timelineBase) : section(alert, words, timelineBase))
                .toList();
        String about = alerts.size() == 1 ? words.headline(notice.first())
                : words.groupHeadline(alerts.size(), notice.account(),
                        (int) alerts.stream().map(Alert::account).filter(Objects::nonNull).distinct().count());
        String subject;
        Optional<String> intro;
        switch (notice.kind()) {
            case REPEAT -> {
                subject = words.repeatSubject(about);
                intro = Optional.of(words.repeatIntro(alerts.size()));
            }
            case UNDELIVERED -> {
                subject = words.undeliveredSubject(notice.undelivered(), about);
                intro = Optional.of(words.undeliveredIntro(notice.undelivered(), alerts.size(),
                        words.headline(notice.first())));
            }
            default -> {
                subject = about;
                intro = Optional.empty();
            }
        }
        List<Line> footer = new ArrayList<>();
        footer.add(new Line(words.label(Wording.Label.NOTIFICATION), notice.key()));
        if (notice.undelivered() != null) {
            footer.add(new Line(words.label(Wording.Label.NOTIFICATION) + " (" + notice.undelivered().channel() + ")",
                    notice.undelivered().noticeKey()));
        }
        footer.add(new Line("", words.label(Wording.Label.FOOTER)));
        return new NoticeText(words.language(), subject, intro, sections, alerts.size() > 1 || brief, footer);
    }

    /** The alert said in full: what happened, the likely cause, the device, what to check, the evidence once. */
    static AlertSection section(Alert alert, Wording words, Optional<String> timelineBase) {
        List<Line> fields = new ArrayList<>();
        fields.add(new Line(words.label(Wording.Label.ACCOUNT), String.valueOf(alert.account())));
        fields.add(new Line(words.label(Wording.Label.PATTERN), words.patternPhrase(alert.pattern())));
        fields.add(new Line(words.label(Wording.Label.STATUS), words.status(alert)));
        words.counted(alert).ifPresent(fields::add);
        fields.add(new Line(words.label(Wording.Label.FIRST_SEEN), words.time(alert.firstSeen())));
        fields.add(new Line(words.label(Wording.Label.LAST_SEEN), words.time(alert.lastSeen())));
        fields.add(new Line(words.label(Wording.Label.ALERT_KEY), alert.alertKey()));
        List<Disappearance> listed = alert.evidence().subList(0, Math.min(alert.evidence().size(),
                Wording.EVIDENCE_SHOWN));
        List<Evidence> evidence = listed.stream()
                .map(gone -> new Evidence(words.evidenceHeading(gone), words.evidenceLines(gone)))
                .toList();
        int total = Wording.evidenceIsPartial(alert) ? alert.count() : alert.evidence().size();
        return new AlertSection(alert, words.headline(alert), words.whatHappened(alert),
                words.likelyCause(alert).map(cause -> new Line(words.label(Wording.Label.LIKELY_CAUSE), cause)),
                words.facts(alert),
                words.whatToCheck(alert).map(check -> new Line(words.label(Wording.Label.WHAT_TO_DO), check)),
                fields,
                evidence.isEmpty() ? Optional.empty() : Optional.of(words.evidenceTitle(alert, listed.size())),
                evidence,
                total > listed.size() ? Optional.of(words.more(total - listed.size())) : Optional.empty(),
                timeline(alert, words, timelineBase));
    }

    /** The alert by its headline, key and timeline only: for word that its notification was not delivered. */
    private static AlertSection briefSection(Alert alert, Wording words, Optional<String> timelineBase) {
        return new AlertSection(alert, words.headline(alert), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), List.of(new Line(words.label(Wording.Label.ALERT_KEY), alert.alertKey())),
                Optional.empty(), List.of(), Optional.empty(), timeline(alert, words, timelineBase));
    }

    private static Optional<Link> timeline(Alert alert, Wording words, Optional<String> base) {
        return base.flatMap(url -> TimelineLink.of(url, alert))
                .map(url -> new Link(words.label(Wording.Label.TIMELINE), url));
    }
}
