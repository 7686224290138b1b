package io.vanishwatch.analyzer.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import com.fasterxml.jackson.core.type.TypeReference;

import io.vanishwatch.analyzer.views.AccountState;
import io.vanishwatch.analyzer.views.AlertViews;
import io.vanishwatch.analyzer.views.Timeline;
import io.vanishwatch.analyzer.views.TimelineEntry;
import io.vanishwatch.events.Alert;

/**
 * The questions the analyzer answers about its accounts, from its Kafka Streams state wherever it is: a question
 * about one account goes to the instance whose task holds that account's partition of the store (Kafka Streams'
 * key metadata), a question about all accounts to every instance holding the store, merged. Independent of any
 * HTTP framework: the REST resource, and a test's second instance, call it.
 *
 * <p>Without {@code application.server} (one instance), everything is answered from local state. A question marked
 * as forwarded is always answered from local state; if the partition is not (or no longer) here, that is a 503.
 */
public final class AnalyzerQueries {

    private static final Serializer<String> ACCOUNT_KEY = Serdes.String().serializer();
    private static final TypeReference<List<AccountState>> ACCOUNT_LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<TimelineItem>> ITEM_LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<Alert>> ALERT_LIST = new TypeReference<>() {
    };
    private static final Comparator<Alert> BY_ACCOUNT_AND_PATTERN =
            Comparator.comparing(Alert::account).thenComparing(Alert::pattern);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Peers peers;
    private final Clock clock;

    /**
     * @param self this instance's {@code application.server}, by which the other instances reach it; empty when
     *             it runs alone
     */
    public AnalyzerQueries(KafkaStreams streams, Optional<HostInfo> self, Peers peers, Clock clock) {
        this.streams = streams;
        this.self = self.orElse(null);
        this.peers = peers;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Every account the analyzer has seen events of, with its watch state, by account. */
    public List<AccountState> accounts(boolean forwarded) {
        List<AccountState> accounts = new ArrayList<>(fromEveryInstance(Timeline.ACCOUNTS, forwarded,
                () -> all(Timeline.ACCOUNTS), "/api/accounts", ACCOUNT_LIST));
        accounts.sort(Comparator.comparing(AccountState::account));
        return accounts;
    }

    /** What happened on one account in a range: its events and its alerts, in time order. */
    public AccountTimeline timeline(String account, TimeRange range) {
        // two stores in two sub-topologies: their partitions of one account may sit on different instances
        return new AccountTimeline(account, range.from(), range.to(),
                TimelineItem.merge(events(account, range, false), alertHistory(account, range, false)));
    }

    /** What the collector saw on one account in a range, in time order. */
    public List<TimelineItem> events(String account, TimeRange range, boolean forwarded) {
        return byAccount(Timeline.ACCOUNT_TIMELINE, account, forwarded,
                partition -> this.<TimelineEntry>window(Timeline.ACCOUNT_TIMELINE, partition, account, range).stream()
                        .map(entry -> TimelineItem.of(Instant.ofEpochMilli(entry.key), entry.value)).toList(),
                accountPath(account, "events") + "?" + range.query(), ITEM_LIST);
    }

    /** The alerts raised, updated and resolved on one account in a range, in time order, without evidence. */
    public List<TimelineItem> alertHistory(String account, TimeRange range, boolean forwarded) {
        return byAccount(AlertViews.ALERT_HISTORY, account, forwarded,
                partition -> this.<Alert>window(AlertViews.ALERT_HISTORY, partition, account, range).stream()
                        .map(entry -> TimelineItem.of(Instant.ofEpochMilli(entry.key), entry.value)).toList(),
                accountPath(account, "alerts") + "?" + range.query(), ITEM_LIST);
    }

    /** The alerts not resolved yet, with their evidence: of one account, or of all. By account and pattern. */
    public List<Alert> openAlerts(Optional<String> account, boolean forwarded) {
        List<Alert> open = new ArrayList<>(account.isPresent()
                ? byAccount(AlertViews.OPEN_ALERTS, account.get(), forwarded,
                        partition -> openAlertsOf(account.get(), partition),
                        "/api/alerts?account=" + URLEncoder.encode(account.get(), StandardCharsets.UTF_8), ALERT_LIST)
                : fromEveryInstance(AlertViews.OPEN_ALERTS, forwarded, () -> all(AlertViews.OPEN_ALERTS),
                        "/api/alerts", ALERT_LIST));
        open.sort(BY_ACCOUNT_AND_PATTERN);
        return open;
    }

    /**
     * @param local the answer from this instance's state, given the account's partition, or null for every partition
     *              here: alone (no {@code application.server}) Kafka Streams keeps no key metadata, and needs none
     */
    private <T> T byAccount(String store, String account, boolean forwarded, Function<Integer, T> local,
                            String pathAndQuery, TypeReference<T> type) {
        if (self == null && !forwarded) {
            return streamsCall(() -> local.apply(null));
        }
        KeyQueryMetadata where = streamsCall(() -> streams.queryMetadataForKey(store, account, ACCOUNT_KEY));
        if (where == null) {
            throw new IllegalStateException("the topology has no store " + store);
        }
        if (where.partition() < 0) {
            throw QueryException.notQueryableYet("the analyzer's partitions are being assigned", null);
        }
        if (forwarded || self.equals(where.activeHost())) {
            return streamsCall(() -> local.apply(where.partition()));
        }
        if (where.activeHost().equals(HostInfo.unavailable())) {
            throw QueryException.notQueryableYet("no analyzer instance holds " + store + " for this account yet", null);
        }
        return peers.get(where.activeHost(), pathAndQuery, type);
    }

    private <T> List<T> fromEveryInstance(String store, boolean forwarded, Supplier<List<T>> local,
                                          String pathAndQuery, TypeReference<List<T>> type) {
        if (forwarded || self == null) {
            return streamsCall(local);
        }
        Collection<StreamsMetadata> instances = streamsCall(() -> streams.streamsMetadataForStore(store));
        if (instances.isEmpty()) {
            throw QueryException.notQueryableYet("the analyzer's partitions are being assigned", null);
        }
        List<T> merged = new ArrayList<>();
        for (StreamsMetadata instance : instances) {
            merged.addAll(self.equals(instance.hostInfo())
                    ? streamsCall(local)
                    : peers.get(instance.hostInfo(), pathAndQuery, type));
        }
        return merged;
    }

    private <V> List<V> all(String store) {
        List<V> values = new ArrayList<>();
        ReadOnlyKeyValueStore<String, V> kv = store(store, QueryableStoreTypes.keyValueStore(), null);
        try (KeyValueIterator<String, V> it = kv.all()) {
            it.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

    private List<Alert> openAlertsOf(String account, Integer partition) {
        List<Alert> open = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Alert> kv =
                store(AlertViews.OPEN_ALERTS, QueryableStoreTypes.keyValueStore(), partition);
        try (KeyValueIterator<String, Alert> it = kv.prefixScan(account + "/", Serdes.String().serializer())) {
            it.forEachRemaining(entry -> {
                if (account.equals(entry.value.account())) {
                    open.add(entry.value);
                }
            });
        }
        return open;
    }

    /** One account's entries of a window store in the range, in time order (then in the order they were put). */
    private <V> List<KeyValue<Long, V>> window(String store, Integer partition, String account, TimeRange range) {
        List<KeyValue<Long, V>> entries = new ArrayList<>();
        ReadOnlyWindowStore<String, V> windows = store(store, QueryableStoreTypes.windowStore(), partition);
        try (WindowStoreIterator<V> it = windows.fetch(account, range.from(), range.to())) {
            it.forEachRemaining(entries::add);
        }
        return entries;
    }

    private <S> S store(String name, QueryableStoreType<S> type, Integer partition) {
        StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(name, type);
        return streams.store(partition == null ? parameters : parameters.withPartition(partition));
    }

    /** Runs a call on Kafka Streams' state; a store moving or restoring, or streams not running, is a 503. */
    private static <T> T streamsCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidStateStoreException e) {
            throw QueryException.notQueryableYet("the analyzer's state is being assigned or restored: "
                    + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw QueryException.notQueryableYet("the analyzer's Kafka Streams is not running: " + e.getMessage(), e);
        }
    }

    private static String accountPath(String account, String what) {
        return "/api/accounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20") + "/" + what;
    }
}
