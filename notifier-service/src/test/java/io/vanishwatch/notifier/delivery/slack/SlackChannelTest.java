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
}
