package io.vanishwatch.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;

/**
 * Where each store keeps its entries. A store scanned whole on every tick whose entries come and go within minutes
 * stays in memory: in RocksDB every delete leaves a tombstone that later scans walk over until compaction; there the
 * analyzer ran 2,046 events/s over 30,000 events but 768 over 100,000, in memory 3,246 (docs/benchmarks.md).
 */
class StoreKindsTest {

    private final TopologyTestDriver driver;

    StoreKindsTest() throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-kinds-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("store-kinds-").toString());
        driver = new TopologyTestDriver(AnalyzerTopology.build(AnalyzerSettings.defaults()), props);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void storesWhoseEntriesComeAndGoWithinMinutesAreKeptInMemory() {
        assertThat(driver.getKeyValueStore(AnalyzerTopology.PENDING_REMOVALS).persistent()).isFalse();
        assertThat(driver.getKeyValueStore(AnalyzerTopology.RECENT_ARRIVALS).persistent()).isFalse();
        assertThat(driver.getKeyValueStore(AnalyzerTopology.PATTERN_EPISODES).persistent()).isFalse();
        assertThat(driver.getKeyValueStore(AnalyzerTopology.PENDING_ATTRIBUTIONS).persistent()).isFalse();
    }

    @Test
    void storesThatGrowWithTheMailboxesStayOnDisk() {
        assertThat(driver.getKeyValueStore(AnalyzerTopology.MESSAGE_STATES).persistent()).isTrue();
        assertThat(driver.getWindowStore(AnalyzerTopology.SEEN_EVENT_IDS).persistent()).isTrue();
        assertThat(driver.getKeyValueStore(AnalyzerTopology.WATCH_STATES).persistent()).isTrue();
    }
}
