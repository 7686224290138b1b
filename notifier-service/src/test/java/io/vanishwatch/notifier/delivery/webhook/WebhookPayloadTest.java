package io.vanishwatch.notifier.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
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
}
