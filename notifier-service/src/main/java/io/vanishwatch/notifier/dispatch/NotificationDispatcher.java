package io.vanishwatch.notifier.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Notification;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.DeliveryResult;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.routing.Grouping;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.Route;
import io.vanishwatch.notifier.routing.RouteTree;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Groups routed alerts, turns each group's news into one notification per channel of its receiver, and delivers
 * them from a store of pending deliveries: a retryable failure stays pending with backoff until it is sent or given
 * up; a permanent one is recorded, parked on the dead-letter topic and told on the receiver's other channels. The
 * stores are changelogged and the application runs exactly-once, so a crash, a rebalance or a second instance neither
 * loses nor repeats a notification — except one sent in the moment before its commit, which the next owner sends
 * again under the same key (same {@code Message-ID}, same {@code Idempotency-Key}).
 */
final class NotificationDispatcher implements Processor<String, RoutedAlert, String, Object> {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

    private final RouteTree routes;
    private final Map<String, Receiver> receivers;
    private final DeliveryPolicy policy;
    private final Duration tick;
    private final Duration attemptBudget;
    private final DeliveryListener listener;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, AlertGroup> groups;
    private KeyValueStore<String, PendingDelivery> deliveries;
    private int queued;

    NotificationDispatcher(RouteTree routes, Map<String, Receiver> receivers, DeliveryPolicy policy, Duration tick,
            Duration attemptBudget, DeliveryListener listener) {
        this.routes = routes;
        this.receivers = Map.copyOf(receivers);
        this.policy = policy;
        this.tick = tick;
        this.attemptBudget = attemptBudget;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.groups = context.getStateStore(NotifierTopology.GROUPS);
        this.deliveries = context.getStateStore(NotifierTopology.DELIVERIES);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            Instant at = Instant.ofEpochMilli(now);
            flushDueGroups(at);
            deliverDue(at);
        });
    }

    @Override
    public void process(Record<String, RoutedAlert> record) {
        RoutedAlert routed = record.value();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        AlertGroup group = Optional.ofNullable(groups.get(routed.group())).orElseGet(() -> AlertGroup.of(routed));
        groups.put(routed.group(), group.with(routed.alert(), now, grouping(routed.route())));
    }

    private void flushDueGroups(Instant now) {
        List<KeyValue<String, AlertGroup>> all = new ArrayList<>();
        try (KeyValueIterator<String, AlertGroup> iterator = groups.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (KeyValue<String, AlertGroup> entry : all) {
            AlertGroup group = entry.value;
            Grouping grouping = grouping(group.route());
            if (!group.due(now, grouping)) {
                continue;
            }
            Receiver receiver = receivers.get(group.receiver());
            if (receiver == null) {
                LOG.errorf("group %s goes to receiver '%s', which is no longer configured: its alerts are dropped",
                        entry.key, group.receiver());
                groups.delete(entry.key);
                continue;
            }
            AlertGroup.Flush flush = group.flush(now, grouping, receiver);
            flush.notice().ifPresent(notice -> queue(notice, receiver, receiver.channels(), now));
            if (flush.next().isPresent()) {
                groups.put(entry.key, flush.next().get());
            } else {
                groups.delete(entry.key);
            }
        }
    }

    private void queue(Notice notice, Receiver receiver, List<Channel> channels, Instant now) {
        if (channels.isEmpty()) {
            LOG.warnf("notification %s for %s: the receiver has no channel, it is only logged", notice.key(),
                    receiver.name());
        }
        for (Channel channel : channels) {
            String queue = receiver.name() + "|" + channel.name();
            String key = queue + "|" + String.format("%013d-%06d", now.toEpochMilli(), queued++ % 1_000_000);
            deliveries.put(key, new PendingDelivery(notice, channel.name(), 0, now, now, null));
            LOG.infof("notification %s (%s, %d alert(s)) queued for %s via %s", notice.key(), notice.kind(),
                    notice.alerts().size(), receiver.name(), channel.name());
        }
    }

    /**
     * Tries the deliveries that are due, in order per receiver and channel: a delivery waiting for its next attempt
     * holds back the later ones of its channel, so a RESOLVED never overtakes its FIRING. A tick sends at most one
     * notification and then asks for a commit: a crash repeats at most the one notification sent before its commit
     * (failed attempts may be many, within the tick's time budget; repeating one of those sends nothing).
     */
    private void deliverDue(Instant now) {
        List<KeyValue<String, PendingDelivery>> queued = new ArrayList<>();
        try (KeyValueIterator<String, PendingDelivery> iterator = deliveries.all()) {
            iterator.forEachRemaining(queued::add);
        }
        int pending = queued.size();
        Set<String> waiting = new HashSet<>();
        long started = System.nanoTime();
        for (KeyValue<String, PendingDelivery> entry : queued) {
            String queue = entry.key.substring(0, entry.key.lastIndexOf('|'));
            if (waiting.contains(queue) || entry.value.nextAttempt().isAfter(now)) {
                waiting.add(queue);
                continue;
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(attemptBudget) > 0) {
                break;
            }
            Outcome outcome = attempt(entry.key, entry.value, now);
            if (outcome == Outcome.SENT) {
                pending--;
                break;
            }
            if (outcome == Outcome.GIVEN_UP) {
                pending--;
            } else {
                waiting.add(queue);
            }
        }
        listener.pending(pending);
    }

    private enum Outcome { SENT, RETRY_LATER, GIVEN_UP }

    /** One attempt, and what became of the delivery. */
    private Outcome attempt(String key, PendingDelivery delivery, Instant now) {
        Notice notice = delivery.notice();
        Receiver receiver = receivers.get(notice.receiver());
        Optional<Channel> channel = receiver == null ? Optional.empty() : receiver.channel(delivery.channel());
        DeliveryResult answer = channel.map(c -> attemptOnce(c, notice))
                .orElseGet(() -> DeliveryResult.permanent("channel " + delivery.channel() + " of receiver "
                        + notice.receiver() + " is no longer configured"));
        if (answer.kind() == DeliveryResult.Kind.SENT) {
            deliveries.delete(key);
            record(delivery, Notification.Outcome.SENT, answer.detail(), now);
            LOG.infof("notification %s via %s: SENT after %d attempt(s) (%s)", notice.key(), delivery.channel(),
                    delivery.attempts() + 1, answer.detail());
            // a sent notification is committed at once: the window for a repeat after a crash stays short
            context.commit();
            return Outcome.SENT;
        }
        Optional<Instant> next = policy.nextAttempt(delivery, answer, now);
        if (next.isPresent()) {
            deliveries.put(key, delivery.retryAt(next.get(), answer.detail()));
            LOG.warnf("notification %s via %s: attempt %d failed (%s); next attempt at %s", notice.key(),
                    delivery.channel(), delivery.attempts() + 1, answer.detail(), next.get());
            return Outcome.RETRY_LATER;
        }
        deliveries.delete(key);
        String why = (answer.kind() == DeliveryResult.Kind.PERMANENT ? "permanent failure: "
                : "gave up after " + (delivery.attempts() + 1) + " attempt(s) over "
                        + Duration.between(delivery.queuedAt(), now) + ": ") + answer.detail();
        record(delivery, Notification.Outcome.FAILED, why, now);
        LOG.errorf("notification %s via %s: UNDELIVERABLE (%s); parked on %s", notice.key(), delivery.channel(), why,
                NotifierTopology.UNDELIVERABLE_TOPIC);
        PendingDelivery failed = delivery.retryAt(now, why);
        context.forward(new Record<>(account(notice), (Object) failed, now.toEpochMilli()));
        if (notice.kind() != Notice.Kind.UNDELIVERED && receiver != null) {
            List<Channel> others = receiver.channels().stream()
                    .filter(other -> !other.name().equals(delivery.channel())).toList();
            if (!others.isEmpty()) {
                queue(new Notice(notice.key() + "#undelivered-" + delivery.channel(), Notice.Kind.UNDELIVERED,
                        notice.receiver(), notice.alerts(), notice.presentation(), new Notice.Undelivered(
                        delivery.channel(), notice.key(), why, delivery.attempts() + 1)), receiver, others, now);
            }
        }
        return Outcome.GIVEN_UP;
    }

    private void record(PendingDelivery delivery, Notification.Outcome outcome, String detail, Instant now) {
        Notice notice = delivery.notice();
        Alert first = notice.first();
        Notification notification = new Notification(notice.key(), first.alertKey(), account(notice),
                delivery.channel(), outcome, delivery.attempts() + 1, now, detail);
        context.forward(new Record<>(account(notice), (Object) notification, now.toEpochMilli()));
        listener.recorded(notification);
    }

    private static DeliveryResult attemptOnce(Channel channel, Notice notice) {
        try {
            return channel.deliver(notice);
        } catch (RuntimeException unexpected) {
            // a channel bug must not lose the notification: retry it like a transient failure
            LOG.error("channel " + channel.name() + " failed unexpectedly", unexpected);
            return DeliveryResult.retryable("unexpected " + unexpected.getClass().getSimpleName() + ": "
                    + unexpected.getMessage());
        }
    }

    private Grouping grouping(String route) {
        return routes.route(route).map(Route::grouping).orElse(routes.root().grouping());
    }

    private static String account(Notice notice) {
        return notice.account().orElse(notice.first().account());
    }
}
