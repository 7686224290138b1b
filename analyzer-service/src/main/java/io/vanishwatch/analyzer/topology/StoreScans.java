package io.vanishwatch.analyzer.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads a key-value store by key prefix (one account, one message, one folder) or whole, copying the entries out so
 * the caller may change the store afterwards.
 */
final class StoreScans {

    private StoreScans() {
    }

    /** The entries under a key prefix that match. */
    static <V> List<KeyValue<String, V>> scan(KeyValueStore<String, V> store, String prefix, Predicate<V> matches) {
        List<KeyValue<String, V>> found = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, StoreKeys.PREFIX_SERIALIZER)) {
            it.forEachRemaining(entry -> {
                if (matches.test(entry.value)) {
                    found.add(entry);
                }
            });
        }
        return found;
    }

    /** Every entry of the store that matches. */
    static <V> List<KeyValue<String, V>> all(KeyValueStore<String, V> store, Predicate<V> matches) {
        List<KeyValue<String, V>> found = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(entry -> {
                if (matches.test(entry.value)) {
                    found.add(entry);
                }
            });
        }
        return found;
    }

    /** The first entry under a key prefix that matches. */
    static <V> Optional<KeyValue<String, V>> first(KeyValueStore<String, V> store, String prefix, Predicate<V> matches) {
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, StoreKeys.PREFIX_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                if (matches.test(entry.value)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.empty();
    }
}
