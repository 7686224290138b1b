package io.vanishwatch.notifier.delivery.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.delivery.http.ChatChannel;
import io.vanishwatch.notifier.delivery.http.JsonPost;
import io.vanishwatch.notifier.delivery.http.ScriptedReceiver;
import io.vanishwatch.notifier.content.SampleNotices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack channel against a real HTTP server on loopback; the body is checked against Block Kit's shape. */
class SlackChannelTest {

    private final Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);
    private ScriptedReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new ScriptedReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void postsABlockKitMessageWithAFallbackTextAHeaderAMrkdwnSectionAndContext() throws Exception {
        // given
        receiver.answer(200);

        // when
        DeliveryResult result = SlackMessage.channel(receiver.target(), Clock.systemUTC()).deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        assertThat(result.detail()).doesNotContain("s3cret-path");
        ScriptedReceiver.Post post = receiver.posts().get(0);
        assertThat(post.header(JsonPost.IDEMPOTENCY_HEADER)).matches("[0-9a-f]{64}");
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("text").asText()).isEqualTo(new AlertText(ZoneId.of("UTC")).headline(alert));
        JsonNode blocks = json.get("blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks).allSatisfy(block -> assertThat(block.get("type").asText())
                .isIn("header", "section", "context", "divider"));
        JsonNode header = blocks.get(0);
        assertThat(header.get("type").asText()).isEqualTo("header");
        assertThat(header.at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(header.at("/text/text").asText()).contains("3 unread messages vanished").hasSizeLessThanOrEqualTo(150);
        JsonNode summary = blocks.get(1);
        assertThat(summary.get("type").asText()).isEqualTo("section");
        assertThat(summary.at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(summary.at("/text/text").asText()).contains("*What to do:*").contains("junk filter");
        JsonNode evidence = blocks.get(2);
        assertThat(evidence.at("/text/text").asText()).startsWith("*The messages (3):*\n```").contains("Invoice 4711")
                .contains("&lt;inv-4711@supplier.example&gt;").doesNotContain("<inv-4711");
        JsonNode context = blocks.get(blocks.size() - 1);
        assertThat(context.get("type").asText()).isEqualTo("context");
        assertThat(context.get("elements")).isNotEmpty().hasSizeLessThanOrEqualTo(10)
                .allSatisfy(element -> assertThat(element.get("type").asText()).isEqualTo("mrkdwn"));
        for (JsonNode block : blocks) {
            if (block.get("type").asText().equals("section")) {
                assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(3000);
            }
        }
    }

    @Test
    void aLongHeadlineIsCutToSlacksHeaderLimit() throws Exception {
        Alert longAccount = SampleAlerts.clientMovesToLocal("a".repeat(200) + "@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(SlackMessage.json(Notice.of(longAccount)));

        assertThat(json.at("/blocks/0/text/text").asText()).hasSize(150).endsWith("…");
        assertThat(json.get("text").asText()).startsWith("FIRING CRITICAL aaaa");
    }

    @Test
    void aBadRequestIsPermanentAndAServerErrorRetryable() {
        receiver.answer(400, 503);
        ChatChannel channel = SlackMessage.channel(receiver.target(), Clock.systemUTC());

        assertThat(channel.deliver(alert).kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
        assertThat(channel.deliver(alert).kind()).isEqualTo(DeliveryResult.Kind.RETRYABLE);
    }

    @Test
    void aGroupIsPostedAsOneMessageWithAHeaderAndASectionPerAlertEachMessageOnce() throws Exception {
        // given
        receiver.answer(200);
        Notice group = SampleNotices.group(SampleNotices.WITH_TIMELINE);

        // when
        SlackMessage.channel(receiver.target(), Clock.systemUTC()).deliver(group);

        // then
        JsonNode json = JsonSerde.MAPPER.readTree(receiver.posts().get(0).body());
        assertThat(json.get("text").asText()).isEqualTo("3 alerts on office");
        JsonNode blocks = json.get("blocks");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("3 alerts on office");
        assertThat(blocks).allSatisfy(block -> assertThat(block.get("type").asText())
                .isIn("header", "section", "context", "divider"));
        assertThat(blocks.findValuesAsText("type").stream().filter("divider"::equals)).hasSize(3);
        String all = blocks.toString();
        for (Alert member : group.alerts()) {
            assertThat(occurrences(all, "*" + SlackMessage.escape(new AlertText(ZoneId.of("UTC")).headline(member)) + "*"))
                    .as(member.alertKey()).isEqualTo(1);
        }
        assertThat(occurrences(all, "dashboard/#account=office")).isEqualTo(3);
        for (String subject : List.of("Invoice 4711", "Invoice 4712", "Order 88 confirmed", "Old thread 0")) {
            assertThat(occurrences(all, subject)).as(subject).isEqualTo(1);
        }
        assertThat(blocks.findValues("elements")).allSatisfy(elements -> assertThat(elements).hasSizeLessThanOrEqualTo(10));
    }

    @Test
    void aGroupTooLargeForFiftyBlocksNamesTheAlertsLeftOut() throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alerts.add(SampleAlerts.clientMovesToLocal("account-" + i, 3));
        }
        Notice big = new Notice("big", Notice.Kind.ALERTS, "staff", alerts, Notice.Presentation.DEFAULT, null);

        JsonNode json = JsonSerde.MAPPER.readTree(SlackMessage.json(big));

        JsonNode blocks = json.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(json.get("text").asText()).isEqualTo("20 alerts on 20 accounts");
        String last = blocks.get(blocks.size() - 1).at("/text/text").asText();
        assertThat(last).startsWith("… and 9 more alerts:").contains("account-11:", "account-19:")
                .doesNotContain("account-10:");
    }

    @Test
    void aReminderAndAnUndeliveredNoticeSayWhatTheyAreInTheHeader() throws Exception {
        JsonNode repeat = JsonSerde.MAPPER.readTree(SlackMessage.json(SampleNotices.repeat(alert, Notice.Presentation.DEFAULT)));
        JsonNode undelivered = JsonSerde.MAPPER.readTree(
                SlackMessage.json(SampleNotices.undelivered(alert, Notice.Presentation.DEFAULT)));

        assertThat(repeat.at("/blocks/0/text/text").asText()).startsWith("Still firing: FIRING CRITICAL");
        assertThat(repeat.at("/blocks/1/text/text").asText()).startsWith("A reminder: this alert is still open");
        assertThat(undelivered.get("text").asText()).startsWith("Could not deliver to slack: FIRING CRITICAL");
        assertThat(undelivered.at("/blocks/1/text/text").asText()).contains("to slack: HTTP 404: no_team after 5 attempts.");
        assertThat(undelivered.toString()).doesNotContain("Invoice 4711");
    }

    @Test
    void aJapaneseReceiverGetsJapaneseBlocksWithTimesInTokyo() throws Exception {
        JsonNode json = JsonSerde.MAPPER.readTree(SlackMessage.json(SampleNotices.of(alert, SampleNotices.JAPANESE_TOKYO)));

        assertThat(json.at("/blocks/0/text/text").asText()).startsWith("[発生・重大] office@demo.example: 未読メール3件");
        assertThat(json.at("/blocks/1/text/text").asText()).contains("*確認すること:* 各端末の迷惑メールフィルター");
        assertThat(json.at("/blocks/2/text/text").asText()).startsWith("*該当するメール（3件）:*")
                .contains("受信 2025年3月10日 18:14:02 JST");
        assertThat(json.toString()).doesNotContain("UTC");
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
