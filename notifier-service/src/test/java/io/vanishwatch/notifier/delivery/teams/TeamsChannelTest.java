package io.vanishwatch.notifier.delivery.teams;

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
import io.vanishwatch.notifier.delivery.http.JsonPost;
import io.vanishwatch.notifier.delivery.http.ScriptedReceiver;
import io.vanishwatch.notifier.content.SampleNotices;
import io.vanishwatch.notifier.delivery.Notice;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Teams channel against a real HTTP server on loopback; the body is checked against the workflow's shape. */
class TeamsChannelTest {

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
    void postsAMessageWithOneAdaptiveCardAttachment() throws Exception {
        // given a workflow answers 202 Accepted, as Teams workflows do
        receiver.answer(202);

        // when
        DeliveryResult result = TeamsMessage.channel(receiver.target(), Clock.systemUTC()).deliver(alert);

        // then
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.SENT);
        ScriptedReceiver.Post post = receiver.posts().get(0);
        assertThat(post.header(JsonPost.IDEMPOTENCY_HEADER)).matches("[0-9a-f]{64}");
        JsonNode json = JsonSerde.MAPPER.readTree(post.body());
        assertThat(json.get("type").asText()).isEqualTo("message");
        assertThat(json.get("attachments")).hasSize(1);
        JsonNode attachment = json.at("/attachments/0");
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        JsonNode body = card.get("body");
        assertThat(body).allSatisfy(element -> assertThat(element.get("type").asText()).isIn("TextBlock", "FactSet"));
        assertThat(body.at("/0/text").asText()).isEqualTo(text.headline(alert));
        assertThat(body.at("/0/weight").asText()).isEqualTo("Bolder");
        JsonNode facts = null;
        for (JsonNode element : body) {
            if (element.get("type").asText().equals("FactSet")) {
                facts = element.get("facts");
            }
        }
        assertThat(facts).isNotNull();
        assertThat(facts).allSatisfy(fact -> assertThat(fact.has("title") && fact.has("value")).isTrue());
        assertThat(facts.findValuesAsText("value")).contains("office@demo.example");
        assertThat(body.findValuesAsText("text")).anySatisfy(t -> assertThat(t).contains("Invoice 4711"));
    }

    @Test
    void aGroupIsOneCardOfTextBlocksAndFactSetsWithEveryAlertOnce() throws Exception {
        receiver.answer(202);
        Notice group = SampleNotices.group(SampleNotices.WITH_TIMELINE);

        TeamsMessage.channel(receiver.target(), Clock.systemUTC()).deliver(group);

        JsonNode card = JsonSerde.MAPPER.readTree(receiver.posts().get(0).body()).at("/attachments/0/content");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        JsonNode body = card.get("body");
        assertThat(body).allSatisfy(element -> assertThat(element.get("type").asText()).isIn("TextBlock", "FactSet"));
        assertThat(body.at("/0/text").asText()).isEqualTo("3 alerts on office");
        List<String> texts = body.findValuesAsText("text");
        for (Alert member : group.alerts()) {
            assertThat(texts.stream().filter(t -> t.equals(text.headline(member)))).as(member.alertKey()).hasSize(1);
        }
        assertThat(body.findValues("facts")).hasSize(3);
        String all = body.toString();
        for (String subject : List.of("Invoice 4711", "Order 88 confirmed", "Old thread 1")) {
            assertThat(all.split(subject, -1)).as(subject).hasSize(2);
        }
        assertThat(texts.stream().filter(t -> t.startsWith("[Timeline of the account](https://vw.example/dashboard/#account=office")))
                .hasSize(3);
    }

    @Test
    void aJapaneseCardUsesJapaneseLabelsAndTokyoTime() throws Exception {
        receiver.answer(202);

        TeamsMessage.channel(receiver.target(), Clock.systemUTC())
                .deliver(SampleNotices.of(alert, SampleNotices.JAPANESE_TOKYO));

        JsonNode body = JsonSerde.MAPPER.readTree(receiver.posts().get(0).body()).at("/attachments/0/content/body");
        assertThat(body.findValuesAsText("title")).contains("アカウント", "最初の検知");
        assertThat(body.findValuesAsText("value")).contains("2025年3月10日 18:14:02 JST");
        assertThat(body.toString()).doesNotContain("[Timeline", "タイムライン");
    }
}
