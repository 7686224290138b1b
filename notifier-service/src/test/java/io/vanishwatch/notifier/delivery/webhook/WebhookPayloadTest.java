package io.vanishwatch.notifier.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.SampleNotices;
import io.vanishwatch.notifier.delivery.Notice;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    @Test
    void bodyHasChatTextAndTheAlertInTheContractsJson() throws Exception {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(Notice.of(alert)).toJson());

        assertThat(json.get("text").asText()).startsWith("FIRING CRITICAL office@demo.example: 3 unread messages");
        assertThat(json.at("/alert/account").asText()).isEqualTo("office@demo.example");
        assertThat(json.at("/alert/firstSeen").asText()).isEqualTo("2025-03-10T09:14:02Z");
        assertThat(JsonSerde.MAPPER.treeToValue(json.get("alert"), Alert.class)).isEqualTo(alert);
    }

    @Test
    void anUpdatedAlertCarriesItsStatusAndFacts() throws Exception {
        Alert updated = SampleAlerts.updated(SampleAlerts.withFacts(SampleAlerts.massRemoval("office@demo.example", 50, 25),
                Map.of(Alert.FACT_HELD_BACK, "DELETED_UNREAD=4")), 120);

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(Notice.of(updated)).toJson());

        assertThat(json.get("text").asText())
                .startsWith("UPDATED CRITICAL office@demo.example: now 120 messages removed (mass removal).")
                .contains("Also matching, held back: deleted unread (4).");
        assertThat(json.at("/alert/status").asText()).isEqualTo("UPDATED");
        assertThat(json.at("/alert/count").asInt()).isEqualTo(120);
        assertThat(json.at("/alert/facts/heldBack").asText()).isEqualTo("DELETED_UNREAD=4");
        assertThat(JsonSerde.MAPPER.treeToValue(json.get("alert"), Alert.class)).isEqualTo(updated);
    }

    @Test
    void aBlindWatchCarriesItsWatchStateAndReason() throws Exception {
        Alert blind = SampleAlerts.watcherBlind("office@demo.example");

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(Notice.of(blind)).toJson());

        assertThat(json.at("/alert/pattern").asText()).isEqualTo("WATCHER_BLIND");
        assertThat(json.at("/alert/facts/watchState").asText()).isEqualTo("AUTH_FAILED");
        assertThat(json.at("/alert/facts/reason").asText()).isEqualTo("AUTHENTICATE failed");
        assertThat(json.at("/alert/facts/blindSince").asText()).isEqualTo("2025-03-10T09:14:02Z");
    }

    @Test
    void aOneAlertNoticeKeepsTextAndAlertAndAddsTheNotice() throws Exception {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(Notice.of(alert)).toJson());

        assertThat(json.at("/notice/key").asText()).isEqualTo(alert.notificationKey());
        assertThat(json.at("/notice/kind").asText()).isEqualTo("ALERTS");
        assertThat(json.at("/notice/receiver").asText()).isEqualTo("default");
        assertThat(json.at("/notice/language").asText()).isEqualTo("en");
        assertThat(json.at("/notice/alerts")).hasSize(1);
        assertThat(json.has("text") && json.has("alert")).isTrue();
        assertThat(json.at("/notice").has("undelivered")).isFalse();
    }

    @Test
    void aGroupHasEveryAlertInTheNoticeAndALineOfTextPerAlertButNoSingleAlert() throws Exception {
        Notice group = SampleNotices.group(SampleNotices.WITH_TIMELINE);

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(group).toJson());

        assertThat(json.has("alert")).isFalse();
        assertThat(json.at("/notice/alerts")).hasSize(3);
        assertThat(JsonSerde.MAPPER.treeToValue(json.at("/notice/alerts/1"), Alert.class)).isEqualTo(group.alerts().get(1));
        String[] lines = json.get("text").asText().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("3 alerts on office.");
        assertThat(lines[1]).startsWith("FIRING CRITICAL office: 3 unread messages vanished")
                .contains("Timeline of the account: https://vw.example/dashboard/#account=office");
        assertThat(lines[2]).startsWith("FIRING CRITICAL office: 50 messages removed");
        assertThat(lines[3]).startsWith("FIRING CRITICAL office: Vanishwatch cannot read this account");
    }

    @Test
    void anUndeliveredNoticeSaysWhatWasNotDeliveredWhere() throws Exception {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(
                WebhookPayload.of(SampleNotices.undelivered(alert, Notice.Presentation.DEFAULT)).toJson());

        assertThat(json.at("/notice/kind").asText()).isEqualTo("UNDELIVERED");
        assertThat(json.at("/notice/undelivered/channel").asText()).isEqualTo("slack");
        assertThat(json.at("/notice/undelivered/noticeKey").asText()).isEqualTo(alert.notificationKey());
        assertThat(json.at("/notice/undelivered/attempts").asInt()).isEqualTo(5);
        assertThat(json.get("text").asText()).startsWith("Could not deliver to slack: FIRING CRITICAL office@demo.example")
                .contains("HTTP 404: no_team after 5 attempts.");
    }

    @Test
    void aJapaneseReceiversTextIsJapanese() throws Exception {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(
                WebhookPayload.of(SampleNotices.of(alert, SampleNotices.JAPANESE_TOKYO)).toJson());

        assertThat(json.get("text").asText()).startsWith("[発生・重大] office@demo.example: 未読メール3件がサーバーから消えました")
                .contains("該当するメール（3件）: 「Invoice 4711」 差出人: billing@supplier.example（受信 2025年3月10日 18:14:02 JST")
                .doesNotContain("\n");
        assertThat(json.at("/notice/language").asText()).isEqualTo("ja");
    }
}
