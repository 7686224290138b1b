package io.vanishwatch.notifier.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.notifier.SampleAlerts;
import io.vanishwatch.notifier.content.AlertText;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    @Test
    void bodyHasChatTextAndTheAlertInTheContractsJson() throws Exception {
        Alert alert = SampleAlerts.clientMovesToLocal("office@demo.example", 3);

        JsonNode json = JsonSerde.MAPPER.readTree(WebhookPayload.of(alert, new AlertText(ZoneId.of("UTC"))).toJson());

        assertThat(json.get("text").asText()).startsWith("FIRING CRITICAL office@demo.example: 3 unread messages");
        assertThat(json.at("/alert/account").asText()).isEqualTo("office@demo.example");
        assertThat(json.at("/alert/firstSeen").asText()).isEqualTo("2025-03-10T09:14:02Z");
        assertThat(JsonSerde.MAPPER.treeToValue(json.get("alert"), Alert.class)).isEqualTo(alert);
    }
}
