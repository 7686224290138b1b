package io.vanishwatch.notifier.delivery.webhook;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.content.NoticeText;
import io.vanishwatch.notifier.content.PlainText;
import io.vanishwatch.notifier.delivery.Notice;

/**
 * The JSON body of a webhook POST: {@code text} for Slack/Mattermost-style incoming webhooks to show, the
 * {@code alert} in the contract's JSON when the notice is about one alert (as before notices), and the {@code notice}:
 * its key, kind, receiver, every alert, and for an undelivered notice what was not delivered where.
 *
 * @param alert the notice's only alert; null (left out) for a notice about several
 */
public record WebhookPayload(String text, Alert alert, NoticeInfo notice) {

    /** The notice as the webhook tells it. */
    public record NoticeInfo(String key, Notice.Kind kind, String receiver, String language, List<Alert> alerts,
            Notice.Undelivered undelivered) {
    }

    public static WebhookPayload of(Notice notice) {
        NoticeText text = NoticeText.of(notice);
        return new WebhookPayload(PlainText.paragraphs(text), notice.alerts().size() == 1 ? notice.first() : null,
                new NoticeInfo(notice.key(), notice.kind(), notice.receiver(), text.language(), notice.alerts(),
                        notice.undelivered()));
    }

    public String toJson() {
        try {
            return JsonSerde.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook payload for " + notice.key(), e);
        }
    }
}
