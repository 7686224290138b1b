package io.vanishwatch.notifier.delivery.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mattermost channel against a real HTTP server on loopback. */
class MattermostChannelTest {

    private final AlertText text = new AlertText(ZoneId.of("UTC"));
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
    void postsMarkdownTextAndTheConfiguredUsername() throws Exception {
        // given
        receiver.answer(200);
        ChatChannel channel = MattermostMessage.channel(
                new MattermostSettings(receiver.target(), Optional.of("Vanishwatch")), Clock.systemUTC());

        // when
        DeliveryResult result = channel.deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        ScriptedReceiver.Post post = receiver.posts().get(0);
        assertThat(post.header(JsonPost.IDEMPOTENCY_HEADER)).matches("[0-9a-f]{64}");
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("username").asText()).isEqualTo("Vanishwatch");
        String markdown = json.get("text").asText();
        assertThat(markdown).startsWith("#### " + text.headline(alert) + "\n")
                .contains("**What to do:**")
                .contains("```\n  1. \"Invoice 4711\" from billing@supplier.example")
                .hasSizeLessThanOrEqualTo(MattermostMessage.TEXT_MAX);
        assertThat(markdown.split("```", -1)).as("code fences are balanced").hasSize(3);
    }

    @Test
    void withoutAUsernameThePostLeavesTheHooksOwnName() throws Exception {
        JsonNode json = JsonSerde.MAPPER.readTree(MattermostMessage.json(Notice.of(alert), Optional.empty()));

        assertThat(json.has("username")).isFalse();
        assertThat(json.get("text").asText()).contains("office@demo.example");
    }

    @Test
    void aGroupIsOnePostWithTheGroupsHeadlineAndEveryAlertUnderItsOwnHeading() throws Exception {
        Notice group = SampleNotices.group(SampleNotices.WITH_TIMELINE);

        String markdown = JsonSerde.MAPPER.readTree(MattermostMessage.json(group, Optional.empty())).get("text").asText();

        assertThat(markdown).startsWith("#### 3 alerts on office\n");
        for (Alert member : group.alerts()) {
            assertThat(markdown.split(java.util.regex.Pattern.quote("##### " + text.headline(member) + "\n"), -1))
                    .as(member.alertKey()).hasSize(2);
        }
        for (String subject : List.of("Invoice 4711", "Order 88 confirmed", "Old thread 1")) {
            assertThat(markdown.split(subject, -1)).as(subject).hasSize(2);
        }
        assertThat(markdown.split("```", -1)).as("code fences are balanced: two alerts have evidence").hasSize(5);
        assertThat(markdown.split(java.util.regex.Pattern.quote("[Timeline of the account](https://vw.example/dashboard/#account=office"), -1))
                .hasSize(4);
    }

    @Test
    void anUndeliveredNoticeNamesTheChannelTheDetailAndTheAttempts() throws Exception {
        String markdown = JsonSerde.MAPPER.readTree(MattermostMessage.json(
                SampleNotices.undelivered(alert, SampleNotices.JAPANESE_TOKYO), Optional.empty())).get("text").asText();

        assertThat(markdown).startsWith("#### slack へ届けられませんでした: [発生・重大]")
                .contains("を slack へ届けられませんでした（5回試行）: HTTP 404: no_team")
                .doesNotContain("Invoice 4711");
    }
}
