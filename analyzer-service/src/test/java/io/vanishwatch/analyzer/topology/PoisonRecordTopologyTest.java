package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.events.DeadLetterHeaders;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Verdict;
import io.vanishwatch.events.Topics;

class PoisonRecordTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordThatIsNotAMailboxEventGoesToTheDeadLetterTopicAndProcessingContinues() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        driver.pipeRaw(ACCOUNT.getBytes(StandardCharsets.UTF_8), garbage, T0);

        Message invoice = Message.numbered(1);
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, T0.plusSeconds(1)),
                removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 1, invoice, T0.plusSeconds(5)));

        assertThat(driver.deadLetters()).singleElement().satisfies(parked -> {
            assertThat(parked.value()).isEqualTo(garbage);
            assertThat(parked.key()).isEqualTo(ACCOUNT.getBytes(StandardCharsets.UTF_8));
            assertThat(header(parked.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.MAILBOX_EVENTS.name());
            assertThat(header(parked.headers(), DeadLetterHeaders.PARTITION)).isEqualTo("0");
            assertThat(header(parked.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
            assertThat(header(parked.headers(), DeadLetterHeaders.PROCESSOR)).isEqualTo(AnalyzerTopology.DECODER);
            assertThat(header(parked.headers(), DeadLetterHeaders.ERROR)).contains("not a MailboxEvent");
        });
        assertThat(driver.disappearances()).as("the next records are processed as usual").hasSize(1);
    }

    @Test
    void aMailboxEventWithoutItsAccountOrATombstoneIsParkedToo() {
        driver.pipeRaw(ACCOUNT.getBytes(StandardCharsets.UTF_8), "{\"type\":\"REMOVED\"}".getBytes(StandardCharsets.UTF_8), T0);
        driver.pipeRaw(ACCOUNT.getBytes(StandardCharsets.UTF_8), null, T0);

        assertThat(driver.deadLetters()).hasSize(2);
        assertThat(driver.disappearances()).isEmpty();
    }

    @Test
    void aRemovalWithAVerdictThatNamesNoFolderOrAWatchStateWithoutStateIsParked() {
        Message invoice = Message.numbered(2);
        MailboxEvent inNowhere = removed(ACCOUNT, "INBOX", FolderRole.INBOX, 2, invoice, T0)
                .withVerdict(new Verdict(Verdict.Location.IN_FOLDER, null, null, 7, T0, List.of("Junk")));
        MailboxEvent noState = MailboxEvent.watchState(ACCOUNT, "INBOX", FolderRole.INBOX, null, "?", T0);
        Serializer<MailboxEvent> serializer = Topics.MAILBOX_EVENTS.valueSerde().serializer();
        driver.pipeRaw(ACCOUNT.getBytes(StandardCharsets.UTF_8), serializer.serialize("t", inNowhere), T0);
        driver.pipeRaw(ACCOUNT.getBytes(StandardCharsets.UTF_8), serializer.serialize("t", noState), T0);

        assertThat(driver.deadLetters()).extracting(parked -> header(parked.headers(), DeadLetterHeaders.ERROR))
                .containsExactly("org.apache.kafka.common.errors.SerializationException: a REMOVED event's IN_FOLDER"
                                + " verdict needs its folder",
                        "org.apache.kafka.common.errors.SerializationException: a WATCH_STATE event needs its watchState");
        assertThat(driver.disappearances()).isEmpty();
    }
}
