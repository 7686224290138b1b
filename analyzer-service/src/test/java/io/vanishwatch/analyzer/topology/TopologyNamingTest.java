package io.vanishwatch.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.views.AlertViews;
import io.vanishwatch.analyzer.views.Timeline;
import io.vanishwatch.events.Topics;

class TopologyNamingTest {

    private final TopologyDescription description = AnalyzerTopology.build(AnalyzerSettings.defaults()).describe();

    @Test
    void everyNodeAndStoreHasTheNameItWasGivenAndNoneIsGenerated() {
        Set<String> nodes = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            nodes.add(node.name());
            if (node instanceof TopologyDescription.Processor processor) {
                stores.addAll(processor.stores());
            }
        }));

        assertThat(nodes).containsExactlyInAnyOrder(AnalyzerTopology.SOURCE, AnalyzerTopology.DECODER,
                AnalyzerTopology.DEDUPLICATOR, AnalyzerTopology.CORRELATOR, AnalyzerTopology.DISAPPEARANCES_SINK, AnalyzerTopology.PATTERN_RECOGNISER,
                AnalyzerTopology.ALERTS_SINK, AnalyzerTopology.MAILBOX_EVENTS_DEAD_LETTERS,
                AnalyzerTopology.DISAPPEARANCES_DEAD_LETTERS, AnalyzerTopology.SERVER_LOG_SOURCE,
                AnalyzerTopology.SERVER_LOG_DECODER, AnalyzerTopology.ATTRIBUTOR, AnalyzerTopology.SERVER_LOG_DEAD_LETTERS,
                Timeline.RECORDER, AlertViews.SOURCE, AlertViews.RECORDER);
        assertThat(stores).containsExactlyInAnyOrder(AnalyzerTopology.MESSAGE_STATES, AnalyzerTopology.PENDING_REMOVALS,
                AnalyzerTopology.RECENT_ARRIVALS, AnalyzerTopology.WATCH_STATES, AnalyzerTopology.SEEN_EVENT_IDS,
                AnalyzerTopology.PATTERN_EPISODES, AnalyzerTopology.SERVER_LOG_REMOVALS, AnalyzerTopology.SERVER_LOG_HEARD,
                AnalyzerTopology.PENDING_ATTRIBUTIONS, AnalyzerTopology.KNOWN_DEVICES, Timeline.ACCOUNT_TIMELINE, Timeline.ACCOUNTS, AlertViews.OPEN_ALERTS,
                AlertViews.ALERT_HISTORY);
        assertThat(description.toString()).doesNotContain("KSTREAM-", "KTABLE-", "-0000");
    }

    @Test
    void disappearancesAndTheAlertsTheyCauseAreInOneSubTopologySoTheyCommitTogether() {
        assertThat(description.subtopologies()).as("the events, and the alerts read back for the views").hasSize(2)
                .anySatisfy(sub -> assertThat(sub.nodes()).extracting(TopologyDescription.Node::name)
                        .contains(AnalyzerTopology.DEDUPLICATOR, AnalyzerTopology.CORRELATOR,
                                AnalyzerTopology.SERVER_LOG_SOURCE, AnalyzerTopology.ATTRIBUTOR,
                                AnalyzerTopology.PATTERN_RECOGNISER, Timeline.RECORDER))
                .anySatisfy(sub -> assertThat(sub.nodes()).extracting(TopologyDescription.Node::name)
                        .containsExactlyInAnyOrder(AlertViews.SOURCE, AlertViews.RECORDER));
        assertThat(description.toString()).contains(Topics.MAILBOX_EVENTS.name(), Topics.DISAPPEARANCES.name(),
                Topics.ALERTS.name(), Topics.MAILBOX_EVENTS.deadLetterTopic(), Topics.SERVER_LOG.name(),
                Topics.SERVER_LOG.deadLetterTopic());
    }
}
