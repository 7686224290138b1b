package io.vanishwatch.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.local.webhook.WebhookReceiver;

/** What the system tests wait for on the topics and the webhook: the watch in place, arrivals seen, alerts posted. */
final class Sightings {

    static final Duration WAIT = Duration.ofSeconds(90);

    private Sightings() {
    }

    /** The collector has its baseline of the account's INBOX: from now on it sees every change. */
    static void awaitWatched(TopicReader<MailboxEvent> events) {
        await().atMost(WAIT).until(() -> events.poll().stream()
                .anyMatch(e -> e.type() == MailboxEvent.Type.FOLDER_RESYNCED && e.folderRole() == FolderRole.INBOX));
    }

    /** Waits until each message was reported ARRIVED in INBOX; returns those events by Message-ID. */
    static Map<String, MailboxEvent> awaitArrivals(TopicReader<MailboxEvent> events, Collection<String> messageIds) {
        return await().atMost(WAIT).until(() -> events.poll().stream()
                        .filter(e -> e.type() == MailboxEvent.Type.ARRIVED && e.folderRole() == FolderRole.INBOX)
                        .collect(Collectors.toMap(MailboxEvent::messageId, e -> e, (first, again) -> first)),
                seen -> seen.keySet().containsAll(messageIds));
    }

    /** The alerts about {@code account} the webhook received so far, in order. */
    static List<Alert> webhookAlerts(WebhookReceiver webhook, String account) {
        return webhook.deliveries().stream().map(Sightings::alertIn)
                .filter(alert -> account.equals(alert.account())).toList();
    }

    static Alert alertIn(WebhookReceiver.Delivery post) {
        try {
            return JsonSerde.MAPPER.treeToValue(JsonSerde.MAPPER.readTree(post.body()).path("alert"), Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook body is not the notifier's JSON: " + post.body(), e);
        }
    }
}
