package io.vanishwatch.notifier.content;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.RemovedBy;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * The Japanese templates, built from the alert's data — pattern, status, severity, count, facts, evidence — never by
 * translating the analyzer's English summary. Names, subjects, folders and the server's reasons stay as they are.
 */
final class JapaneseWording extends Wording {

    private static final Map<Label, String> LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(Label.ACCOUNT, "アカウント"),
            Map.entry(Label.PATTERN, "パターン"),
            Map.entry(Label.STATUS, "状態"),
            Map.entry(Label.FIRST_SEEN, "最初の検知"),
            Map.entry(Label.LAST_SEEN, "最後の検知"),
            Map.entry(Label.ALERT_KEY, "アラートキー"),
            Map.entry(Label.NOTIFICATION, "通知"),
            Map.entry(Label.LIKELY_CAUSE, "考えられる原因"),
            Map.entry(Label.WHAT_TO_DO, "確認すること"),
            Map.entry(Label.TIMELINE, "アカウントのタイムライン"),
            Map.entry(Label.FOOTER, "Vanishwatch 通知サービスより送信")));

    /** One entry of the analyzer's device tally: "'Mac OS X Mail' at 192.0.2.14=9". */
    private static final Pattern TALLY_ENTRY = Pattern.compile("(.+)=(\\d+)");

    JapaneseWording(ZoneId zone) {
        super(zone, "yyyy年M月d日 HH:mm:ss zzz");
    }

    @Override
    public String language() {
        return "ja";
    }

    @Override
    public String label(Label label) {
        return LABELS.get(label);
    }

    /** "[発生・重大] office: 未読メール3件がサーバーから消えました（端末が新着メールを端末内へ移動）". */
    @Override
    public String headline(Alert alert) {
        return "[" + statusWord(alert.status()) + "・" + severityWord(alert.severity()) + "] " + alert.account() + ": "
                + what(alert) + "（" + patternPhrase(alert.pattern()) + interval(alert) + "）";
    }

    @Override
    public String patternPhrase(Alert.Pattern pattern) {
        return switch (pattern) {
            case CLIENT_MOVES_TO_LOCAL -> "端末が新着メールを端末内へ移動";
            case MOVED_TO_JUNK -> "サーバーの迷惑メールフォルダーへ移動";
            case MOVED_TO_FOLDER -> "サーバー上の別フォルダーへ振り分け";
            case DELETED_UNREAD -> "未読のまま削除";
            case DOWNLOAD_AND_DELETE -> "POP 方式の端末";
            case MASS_REMOVAL -> "大量削除";
            case MAILBOX_RESET -> "メールボックスのリセット";
            case WATCHER_BLIND -> "監視不能";
            case LOGIN_FAILURES -> "ログイン失敗";
            case NEW_DEVICE -> "新しい端末";
        };
    }

    @Override
    public Optional<String> whatHappened(Alert alert) {
        int n = alert.count();
        return Optional.of(switch (alert.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "未読メール" + n + "件が、届いてまもなく受信トレイから消え、サーバー上のどのフォルダーにもありません。";
            case MOVED_TO_JUNK -> "未読メール" + n + "件が、届いてまもなくサーバーの迷惑メールフォルダーへ移動されました。失われてはいませんが、見えなくなっています。";
            case MOVED_TO_FOLDER -> "未読メール" + n + "件が、届いてまもなく"
                    + destinations(alert).map(folders -> "フォルダー「" + folders + "」").orElse("別のフォルダー")
                    + "へ振り分けられました。失われてはいません。";
            case DELETED_UNREAD -> "未読メール" + n + "件が、届いてまもなくゴミ箱へ移動または削除されました。";
            case DOWNLOAD_AND_DELETE -> "既読・未読を問わずほぼすべての受信メール（" + n + "件）が、"
                    + present(alert.facts().get(Alert.FACT_INTERVAL)).map(this::every).orElse("一定の間隔で")
                    + "まとめてサーバーから削除されています。";
            case MASS_REMOVAL -> "短時間のうちに、古いものを含む" + n + "件のメールが削除されました。";
            case MAILBOX_RESET -> "サーバーがフォルダー"
                    + present(alert.facts().get(Alert.FACT_FOLDER)).map(f -> "（" + f + "）").orElse("")
                    + "を作り直しました（UIDVALIDITY の変更、" + n + "回）。メールの削除ではありません。";
            case WATCHER_BLIND -> alert.status() == Alert.Status.RESOLVED
                    ? "Vanishwatch はこのアカウントを再び読み取れるようになりました。"
                    : "Vanishwatch はこのアカウントを読み取れません。その間の監視は途切れています。";
            case LOGIN_FAILURES -> "このアカウントへのログインが" + n + "回失敗しました。";
            case NEW_DEVICE -> "メールサーバーのログにこれまでなかった端末が、このアカウントを使い始めました。";
        });
    }

    @Override
    public Optional<String> likelyCause(Alert alert) {
        return Optional.of(switch (alert.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "ある端末の迷惑メールフィルターまたはルールが、新着メールを端末内のフォルダーへ移動しています。";
            case MOVED_TO_JUNK -> "メールソフトまたはサーバーの迷惑メール判定です。";
            case MOVED_TO_FOLDER -> "メールソフトまたはサーバーの振り分けルールです。";
            case DELETED_UNREAD -> "新着メールを削除するルール、または端末の設定です。";
            case DOWNLOAD_AND_DELETE -> "「受信後にサーバーから削除」に設定された端末（POP）です。";
            case MASS_REMOVAL -> "不正アクセス、または操作ミスの可能性があります。";
            case MAILBOX_RESET -> "サーバー側でのフォルダーの再構築（移行や復元など）です。";
            case WATCHER_BLIND -> "パスワードの変更、またはサーバーに接続できないことです。";
            case LOGIN_FAILURES -> "パスワードが変更され、端末に古いパスワードが残っている可能性があります。";
            case NEW_DEVICE -> "端末またはメールソフトが追加されました。";
        });
    }

    @Override
    public Optional<String> whatToCheck(Alert alert) {
        return Optional.of(switch (alert.pattern()) {
            case CLIENT_MOVES_TO_LOCAL -> "各端末の迷惑メールフィルターとメールルールを確認してください。Mac のメールの迷惑メールフィルターが「このMac内」へ移動している例がよくあります。";
            case MOVED_TO_JUNK -> "迷惑メールフォルダーを確認し、メールソフトとサーバーの迷惑メール設定を見直してください。";
            case MOVED_TO_FOLDER -> "振り分け先のフォルダーと、メールソフト・サーバーのルールを確認してください。";
            case DELETED_UNREAD -> "ゴミ箱を確認し、メールを削除しているルールや端末を探してください。";
            case DOWNLOAD_AND_DELETE -> "POP で受信している端末の「サーバーから削除」の設定を外してください。";
            case MASS_REMOVAL -> "すぐに対応してください。このアカウントにログインしている端末を確認し、バックアップからメールを復元してください。";
            case MAILBOX_RESET -> "対応は不要です。";
            case WATCHER_BLIND -> "コレクターの設定にあるパスワードと、サーバーへの接続を確認してください。";
            case LOGIN_FAILURES -> "表示された各端末に新しいパスワードを入力してください。";
            case NEW_DEVICE -> "心当たりのある端末なら対応は不要です。心当たりがなければパスワードを変更してください。";
        });
    }

    @Override
    public List<String> facts(Alert alert) {
        List<String> sentences = new ArrayList<>();
        if (alert.pattern() == Alert.Pattern.WATCHER_BLIND) {
            blindness(alert).ifPresent(sentences::add);
        }
        devices(alert).ifPresent(devices -> sentences.add("端末（メールサーバーのログより）: " + tally(devices, "件")));
        present(alert.facts().get(Alert.FACT_HELD_BACK))
                .ifPresent(heldBack -> sentences.add("同時に該当（このアラートに含めて保留）: " + heldBack(heldBack)));
        return sentences;
    }

    @Override
    public String status(Alert alert) {
        return statusWord(alert.status()) + "・" + severityWord(alert.severity());
    }

    @Override
    public Optional<Line> counted(Alert alert) {
        int n = alert.count();
        return switch (alert.pattern()) {
            case WATCHER_BLIND -> Optional.empty();
            case MAILBOX_RESET -> Optional.of(new Line("リセット回数", n + "回"));
            case LOGIN_FAILURES -> Optional.of(new Line("ログイン失敗", n + "回"));
            case NEW_DEVICE -> Optional.of(new Line("新しい端末", n + "台"));
            default -> Optional.of(new Line("メール", n + "件"));
        };
    }

    @Override
    public String evidenceTitle(Alert alert, int listed) {
        return evidenceIsPartial(alert)
                ? alert.count() + "件のうち最新の" + listed + "件:"
                : "該当するメール（" + alert.evidence().size() + "件）:";
    }

    @Override
    public String evidenceHeading(Disappearance gone) {
        return "「" + orUnknown(gone.subject()) + "」 差出人: " + orUnknown(gone.from());
    }

    @Override
    public List<String> evidenceLines(Disappearance gone) {
        List<String> lines = new ArrayList<>();
        lines.add("受信 " + time(gone.arrivedAt()) + "（" + gone.folder() + "）、" + removal(gone) + "、"
                + (gone.readBeforeRemoval() ? "既読" : "未読"));
        lines.add("行き先: " + (gone.destination() == Disappearance.Destination.MOVED
                ? "「" + gone.movedToFolder() + "」（" + gone.movedToRole() + "）へ移動"
                : "サーバーから消失"));
        if (gone.removedBy() != null) {
            lines.add("削除した端末: " + gone.removedBy()
                    + (gone.removedByDevice() == null ? "" : "、" + how(gone.removedByDevice())));
        }
        lines.add("Message-ID: " + orUnknown(gone.messageId()));
        return lines;
    }

    @Override
    public String more(int count) {
        return "… ほか" + count + "件";
    }

    @Override
    public String groupHeadline(int alerts, Optional<String> account, int accounts) {
        return account.map(a -> a + " のアラート" + alerts + "件").orElse(accounts + "アカウントのアラート" + alerts + "件");
    }

    @Override
    public String repeatSubject(String headline) {
        return "継続中: " + headline;
    }

    @Override
    public String repeatIntro(int alerts) {
        return "前回の通知から変化はありませんが、" + (alerts == 1 ? "このアラート" : "これらのアラート") + "はまだ解決していません。";
    }

    @Override
    public String undeliveredSubject(Notice.Undelivered undelivered, String about) {
        return undelivered.channel() + " へ届けられませんでした: " + about;
    }

    @Override
    public String undeliveredIntro(Notice.Undelivered undelivered, int alerts, String firstHeadline) {
        String what = alerts == 1 ? "アラート「" + firstHeadline + "」" : alerts + "件のアラートの通知";
        return what + "を " + undelivered.channel() + " へ届けられませんでした（" + undelivered.attempts() + "回試行）: "
                + undelivered.detail();
    }

    @Override
    public String moreAlerts(int count) {
        return "… ほかにアラート" + count + "件";
    }

    /** "42秒", "3分5秒", "2時間10分", "1日3時間". */
    @Override
    public String dwell(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "秒";
        }
        if (seconds < 3600) {
            return seconds / 60 + "分" + (seconds % 60 == 0 ? "" : seconds % 60 + "秒");
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "時間" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "分");
        }
        return seconds / 86_400 + "日" + (seconds % 86_400 / 3600 == 0 ? "" : seconds % 86_400 / 3600 + "時間");
    }

    @Override
    public String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith("。") || trimmed.endsWith("？") || trimmed.endsWith("！") ? trimmed : trimmed + "。";
    }

    @Override
    public String aside(String text) {
        return "（" + text + "）";
    }

    @Override
    public String listSeparator() {
        return "／";
    }

    @Override
    protected String unknown() {
        return "不明";
    }

    private static String statusWord(Alert.Status status) {
        return switch (status) {
            case FIRING -> "発生";
            case UPDATED -> "更新";
            case RESOLVED -> "解決";
        };
    }

    private static String severityWord(Alert.Severity severity) {
        return switch (severity) {
            case CRITICAL -> "重大";
            case WARNING -> "警告";
            case INFO -> "情報";
        };
    }

    private String what(Alert alert) {
        int n = alert.count();
        String counted = switch (alert.pattern()) {
            case WATCHER_BLIND -> null;
            case CLIENT_MOVES_TO_LOCAL -> "未読メール" + n + "件がサーバーから消えました";
            case MOVED_TO_JUNK -> "未読メール" + n + "件が迷惑メールフォルダーへ移動されました";
            case MOVED_TO_FOLDER -> "未読メール" + n + "件が別のフォルダーへ振り分けられました";
            case DELETED_UNREAD -> "未読メール" + n + "件が削除されました";
            case DOWNLOAD_AND_DELETE -> "メール" + n + "件がダウンロード後に削除されました";
            case MASS_REMOVAL -> "メール" + n + "件が削除されました";
            case MAILBOX_RESET -> "サーバーがフォルダーを" + n + "回リセットしました"
                    + present(alert.facts().get(Alert.FACT_FOLDER)).map(f -> ": " + f).orElse("");
            case LOGIN_FAILURES -> "ログインに" + n + "回失敗しました";
            case NEW_DEVICE -> "新しい端末が" + n + "台見つかりました";
        };
        if (counted == null) {
            return switch (alert.status()) {
                case FIRING -> "このアカウントを読み取れません";
                case UPDATED -> "このアカウントを引き続き読み取れません";
                case RESOLVED -> "このアカウントを再び読み取れます";
            };
        }
        return switch (alert.status()) {
            case FIRING -> counted;
            case UPDATED -> "現在までに" + counted;
            case RESOLVED -> "合計で" + counted;
        };
    }

    private String interval(Alert alert) {
        return alert.pattern() != Alert.Pattern.DOWNLOAD_AND_DELETE ? ""
                : present(alert.facts().get(Alert.FACT_INTERVAL)).map(i -> "、" + every(i)).orElse("");
    }

    /** "15分ごとに" for PT15M; the text as given when it is not an ISO-8601 interval. */
    private String every(String isoInterval) {
        try {
            return dwell(Duration.parse(isoInterval)) + "ごとに";
        } catch (DateTimeParseException e) {
            return isoInterval + "ごとに";
        }
    }

    private Optional<String> blindness(Alert alert) {
        String since = alert.facts().get(Alert.FACT_BLIND_SINCE);
        String state = alert.facts().get(Alert.FACT_WATCH_STATE);
        String reason = alert.facts().get(Alert.FACT_REASON);
        if (isBlank(since) && isBlank(state) && isBlank(reason)) {
            return Optional.empty();
        }
        String when = isBlank(since) ? "" : instant(since) + "から";
        String verb = alert.status() == Alert.Status.RESOLVED ? "読み取れませんでした" : "読み取れません";
        String why = isBlank(state) ? reason : isBlank(reason) ? watchState(state) : watchState(state) + " — " + reason;
        return Optional.of(when + verb + (isBlank(why) ? "" : ": " + why.strip()));
    }

    private static String watchState(String state) {
        return switch (state.strip()) {
            case "AUTH_FAILED" -> "ログイン拒否";
            case "UNREACHABLE" -> "サーバーに接続できません";
            case "TLS_FAILED" -> "TLS 接続に失敗";
            default -> state.strip();
        };
    }

    /** "'Mac' at 192.0.2.14=9, an unknown device=3" as "'Mac' at 192.0.2.14（9件）、an unknown device（3件）". */
    private static String tally(String tally, String unit) {
        List<String> entries = new ArrayList<>();
        for (String part : tally.split(",")) {
            Matcher entry = TALLY_ENTRY.matcher(part.strip());
            if (!entry.matches()) {
                return tally;
            }
            entries.add(entry.group(1).strip() + "（" + entry.group(2) + unit + "）");
        }
        return String.join("、", entries);
    }

    private String heldBack(String heldBack) {
        List<String> named = new ArrayList<>();
        for (String entry : heldBack.split(",")) {
            String[] patternAndCount = entry.strip().split("=", 2);
            try {
                Alert.Pattern pattern = Alert.Pattern.valueOf(patternAndCount[0].strip());
                named.add(patternPhrase(pattern)
                        + (patternAndCount.length == 2 ? "（" + patternAndCount[1].strip() + "件）" : ""));
            } catch (IllegalArgumentException unknown) {
                named.add(entry.strip());
            }
        }
        return String.join("、", named);
    }

    private String removal(Disappearance gone) {
        if (gone.lastSeenAt() != null) {
            return "監視していない間（" + time(gone.lastSeenAt()) + "〜" + time(gone.removedAt()) + "）に削除";
        }
        if (gone.dwellTime() != null) {
            return dwell(gone.dwellTime()) + "後に削除";
        }
        return time(gone.removedAt()) + "に削除";
    }

    private static String how(RemovedBy device) {
        if (device.action() == null) {
            return "削除";
        }
        return switch (device.action()) {
            case EXPUNGE -> "消去（expunge）";
            case EXPUNGE_AFTER_DELETE -> "削除（\\Deleted のあと消去）";
            case MOVE -> (device.copiedTo() == null ? "" : "「" + device.copiedTo() + "」へ") + "移動（コピーして消去）";
            case POP3_RETRIEVE_AND_DELETE -> "POP3 でダウンロードして削除";
        };
    }

    private static String orUnknown(String value) {
        return isBlank(value) ? "（不明）" : value;
    }
}
