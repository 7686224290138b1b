package io.vanishwatch.local.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.vanishwatch.local.time.MovableClock;
import io.vanishwatch.local.mail.DemoMailServer;
import io.vanishwatch.local.mail.DovecotServer;
import io.vanishwatch.local.mail.MailAccount;
import io.vanishwatch.local.mail.MailboxReader;
import io.vanishwatch.local.mail.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedOfficeTest {

    private static final String ADDRESS = "office@vanishwatch.test";

    @Test
    void shouldProduceExactlyTheChosenMixOnTheDemoServer() {
        try (DemoMailServer server = DemoMailServer.start().addUser("office", "secret", ADDRESS);
             SimulatedOffice office = SimulatedOffice.builder(server.account("office"), ADDRESS, server.mailDrop())
                     .build()) {
            assertChosenMix(office, server.account("office"));
        }
    }

    @Test
    void shouldProduceExactlyTheChosenMixOnDovecot(@TempDir Path workDir) {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        try (DovecotServer dovecot = DovecotServer.start(workDir, Map.of("office", "secret"));
             SimulatedOffice office = SimulatedOffice.builder(dovecot.account("office"), ADDRESS,
                     dovecot.mailDrop("office")).build()) {
            assertChosenMix(office, dovecot.account("office"));
        }
    }

    /** Given 3 invoices, 2 newsletters and 4 other messages; when every device looks once; then 3 gone, 2 in Junk, 4 read. */
    private static void assertChosenMix(SimulatedOffice office, MailAccount account) {
        List<String> invoices = office.deliver(OfficeMailSource.Kind.SUPPLIER_INVOICE, 3);
        List<String> newsletters = office.deliver(OfficeMailSource.Kind.NEWSLETTER, 2);
        List<String> others = office.deliver(OfficeMailSource.Kind.CUSTOMER, 2);
        others = concat(others, office.deliver(OfficeMailSource.Kind.COLLEAGUE, 2));

        List<DeviceAction> actions = office.runDevicesOnce();

        assertThat(idsOf(actions, DeviceAction.Kind.TAKEN_OFF_SERVER)).containsExactlyInAnyOrderElementsOf(invoices);
        assertThat(idsOf(actions, DeviceAction.Kind.MOVED)).containsExactlyInAnyOrderElementsOf(newsletters);
        assertThat(idsOf(actions, DeviceAction.Kind.READ)).containsExactlyInAnyOrderElementsOf(others);
        assertThat(actions).filteredOn(action -> action.kind() == DeviceAction.Kind.TAKEN_OFF_SERVER)
                .extracting(DeviceAction::device).containsOnly("Mac (front desk)");
        assertThat(office.mac().localCopies()).extracting(JunkFilteringMac.LocalCopy::messageId)
                .containsExactlyInAnyOrderElementsOf(invoices);

        List<ReceivedMail> inbox = MailboxReader.readInbox(account);
        assertThat(inbox).extracting(ReceivedMail::messageId).containsExactlyInAnyOrderElementsOf(others);
        assertThat(inbox).allMatch(ReceivedMail::seen);
        List<ReceivedMail> junk = MailboxReader.read(account, "Junk");
        assertThat(junk).extracting(ReceivedMail::messageId).containsExactlyInAnyOrderElementsOf(newsletters);
        assertThat(junk).noneMatch(ReceivedMail::seen);
    }

    @Test
    void shouldLetTheTidyReaderCleanUpOnlyWhenItsTimeHasCome() {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (DemoMailServer server = DemoMailServer.start().addUser("office", "secret", ADDRESS);
             SimulatedOffice office = SimulatedOffice.builder(server.account("office"), ADDRESS, server.mailDrop())
                     .clock(clock).tidyReader(Duration.ofHours(4), TidyReader.Cleanup.TRASH).build()) {
            List<String> mail = office.deliver(OfficeMailSource.Kind.COLLEAGUE, 2);
            office.runDevicesOnce();

            assertThat(office.runDevicesOnce()).isEmpty();
            clock.advance(Duration.ofHours(4));
            List<DeviceAction> later = office.runDevicesOnce();

            assertThat(later).extracting(DeviceAction::device).containsOnly("PC (accounts)");
            assertThat(idsOf(later, DeviceAction.Kind.MOVED)).containsExactlyInAnyOrderElementsOf(mail);
            assertThat(server.messagesIn("office", "Trash")).hasSize(2).allMatch(ReceivedMail::seen);
        }
    }

    @Test
    void shouldRunOnItsOwnForTheDemoAndStopWhenClosed() {
        try (DemoMailServer server = DemoMailServer.start().addUser("office", "secret", ADDRESS)) {
            List<DeviceAction> seen = new CopyOnWriteArrayList<>();
            SimulatedOffice office = SimulatedOffice.builder(server.account("office"), ADDRESS, server.mailDrop())
                    .seed(1).build();
            office.onAction(seen::add);

            office.start(Duration.ofMillis(50), Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> kindsOf(seen).containsAll(
                    Set.of(DeviceAction.Kind.READ, DeviceAction.Kind.TAKEN_OFF_SERVER, DeviceAction.Kind.MOVED)));
            office.close();

            int afterClose = seen.size();
            int inboxAfterClose = server.inboxOf("office").size();
            server.deliver(new OfficeMailSource(ADDRESS, 9).next(OfficeMailSource.Kind.SUPPLIER_INVOICE));
            assertThat(server.inboxOf("office")).hasSize(inboxAfterClose + 1);
            assertThat(seen).hasSize(afterClose);
        }
    }

    private static Set<DeviceAction.Kind> kindsOf(List<DeviceAction> actions) {
        return actions.stream().map(DeviceAction::kind).collect(Collectors.toSet());
    }

    private static List<String> idsOf(List<DeviceAction> actions, DeviceAction.Kind kind) {
        return actions.stream().filter(action -> action.kind() == kind).map(DeviceAction::messageId).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
