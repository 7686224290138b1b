package io.vanishwatch.local.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vanishwatch.local.time.MovableClock;
import io.vanishwatch.local.mail.DemoMailServer;
import io.vanishwatch.local.mail.MailAccount;
import io.vanishwatch.local.mail.ReceivedMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevicesOnGreenMailTest {

    private static final String ADDRESS = "office@vanishwatch.test";

    private DemoMailServer server;
    private MailAccount account;
    private OfficeMailSource mail;

    @BeforeEach
    void startServer() {
        server = DemoMailServer.start().addUser("office", "office-secret", ADDRESS);
        account = server.account("office");
        mail = new OfficeMailSource(ADDRESS, 7);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldTakeFilteredUnreadMailOffTheServerAndKeepItOnTheMac() {
        // given an invoice from the supplier and a message from a colleague
        String invoice = server.deliver(mail.next(OfficeMailSource.Kind.SUPPLIER_INVOICE));
        String colleague = server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));

        // when the Mac whose junk filter catches the supplier looks once
        List<DeviceAction> actions;
        List<JunkFilteringMac.LocalCopy> kept;
        try (JunkFilteringMac mac = new JunkFilteringMac("Mac (front desk)", account,
                JunkFilter.fromSenders(OfficeMailSource.invoiceSenders()))) {
            actions = mac.checkOnce();
            kept = mac.localCopies();
        }

        // then the invoice is gone from every server folder, was unread when taken, and is kept on the Mac
        assertThat(actions).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(DeviceAction.Kind.TAKEN_OFF_SERVER);
            assertThat(action.messageId()).isEqualTo(invoice);
            assertThat(action.describe()).matches(
                    "Mac \\(front desk\\): took '.*INV-\\d+' from \\w+@parts-and-co\\.example off the server \\(kept locally\\)");
        });
        assertThat(server.inboxOf("office")).extracting(ReceivedMail::messageId).containsExactly(colleague);
        assertThat(server.inboxOf("office")).extracting(ReceivedMail::seen).containsExactly(false);
        assertThat(server.messagesIn("office", "Junk")).isEmpty();
        assertThat(server.messagesIn("office", "Trash")).isEmpty();
        assertThat(kept).singleElement().satisfies(copy -> {
            assertThat(copy.messageId()).isEqualTo(invoice);
            assertThat(copy.unreadWhenTaken()).isTrue();
            assertThat(new String(copy.content())).contains("Message-ID: " + invoice);
        });
    }

    @Test
    void shouldNoticeMailThatArrivesAfterItsFirstLook() {
        try (JunkFilteringMac mac = new JunkFilteringMac("Mac (front desk)", account,
                JunkFilter.fromSenders(OfficeMailSource.invoiceSenders()))) {
            // given a Mac that already looked at the empty INBOX
            assertThat(mac.checkOnce()).isEmpty();

            // when an invoice and a colleague's message arrive and it looks again
            String invoice = server.deliver(mail.next(OfficeMailSource.Kind.SUPPLIER_INVOICE));
            server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));

            // then it takes the invoice
            assertThat(mac.checkOnce()).extracting(DeviceAction::messageId).containsExactly(invoice);
        }
    }

    @Test
    void shouldLeaveMailAlreadyReadElsewhereToTheOwner() {
        // given an invoice someone already read
        String invoice = server.deliver(mail.next(OfficeMailSource.Kind.SUPPLIER_INVOICE));
        try (ReadingDevice phone = new ReadingDevice("iPhone (owner)", account)) {
            phone.checkOnce();
        }

        // when the Mac looks
        try (JunkFilteringMac mac = new JunkFilteringMac("Mac (front desk)", account,
                JunkFilter.fromSenders(OfficeMailSource.invoiceSenders()))) {
            assertThat(mac.checkOnce()).isEmpty();
        }

        // then the invoice stays on the server
        assertThat(server.inboxOf("office")).extracting(ReceivedMail::messageId).containsExactly(invoice);
    }

    @Test
    void shouldMoveFilteredUnreadMailToTheServerJunkFolder() {
        // given a newsletter and a customer's message
        String newsletter = server.deliver(mail.next(OfficeMailSource.Kind.NEWSLETTER));
        String customer = server.deliver(mail.next(OfficeMailSource.Kind.CUSTOMER));

        // when the junk mover looks once
        List<DeviceAction> actions;
        try (ServerJunkMover mover = new ServerJunkMover("MacBook (back office)", account,
                JunkFilter.fromSenders(OfficeMailSource.newsletterSenders()))) {
            actions = mover.checkOnce();
        }

        // then the newsletter sits unread in Junk and the customer's message stays in the INBOX
        assertThat(actions).singleElement().satisfies(action -> {
            assertThat(action.kind()).isEqualTo(DeviceAction.Kind.MOVED);
            assertThat(action.destination()).isEqualTo("Junk");
            assertThat(action.describe()).startsWith("MacBook (back office): moved '").endsWith(" to Junk");
        });
        assertThat(server.messagesIn("office", "Junk")).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(newsletter);
            assertThat(mail.seen()).isFalse();
        });
        assertThat(server.inboxOf("office")).extracting(ReceivedMail::messageId).containsExactly(customer);
    }

    @Test
    void shouldReadNewMailOnceAndLeaveItInTheInbox() {
        // given two messages
        server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));
        server.deliver(mail.next(OfficeMailSource.Kind.CUSTOMER));

        try (ReadingDevice phone = new ReadingDevice("iPhone (owner)", account)) {
            // when the reader looks twice, with a third message arriving in between
            List<DeviceAction> first = phone.checkOnce();
            String third = server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));
            List<DeviceAction> second = phone.checkOnce();

            // then it read each message once, and all stay in the INBOX as \Seen
            assertThat(first).hasSize(2).allMatch(action -> action.kind() == DeviceAction.Kind.READ);
            assertThat(second).extracting(DeviceAction::messageId).containsExactly(third);
        }
        assertThat(server.inboxOf("office")).hasSize(3).allMatch(ReceivedMail::seen);
    }

    @Test
    void shouldTidyReadMailAwayOnlyAfterTheDelay() {
        // given a tidy person who moves mail to Trash a day after reading it, and one new message
        MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
        String message = server.deliver(mail.next(OfficeMailSource.Kind.CUSTOMER));
        try (TidyReader tidy = new TidyReader("PC (accounts)", account, Duration.ofDays(1),
                TidyReader.Cleanup.TRASH, clock)) {

            // when they read it, then look again just before the day is over
            assertThat(tidy.checkOnce()).extracting(DeviceAction::kind).containsExactly(DeviceAction.Kind.READ);
            clock.advance(Duration.ofHours(23).plusMinutes(59));
            List<DeviceAction> early = tidy.checkOnce();

            // then the message is still in the INBOX, read
            assertThat(early).isEmpty();
            assertThat(server.inboxOf("office")).extracting(ReceivedMail::seen).containsExactly(true);

            // and when a day has passed, it goes to Trash
            clock.advance(Duration.ofMinutes(1));
            assertThat(tidy.checkOnce()).singleElement().satisfies(action -> {
                assertThat(action.kind()).isEqualTo(DeviceAction.Kind.MOVED);
                assertThat(action.destination()).isEqualTo("Trash");
            });
        }
        assertThat(server.inboxOf("office")).isEmpty();
        assertThat(server.messagesIn("office", "Trash")).extracting(ReceivedMail::messageId).containsExactly(message);
    }

    @Test
    void shouldDeleteReadMailOutrightWhenSoConfigured() {
        MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
        server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));
        try (TidyReader tidy = new TidyReader("PC (accounts)", account, Duration.ofHours(2),
                TidyReader.Cleanup.DELETE, clock)) {
            tidy.checkOnce();
            clock.advance(Duration.ofHours(2));

            assertThat(tidy.checkOnce()).extracting(DeviceAction::kind).containsExactly(DeviceAction.Kind.DELETED);
        }
        assertThat(server.inboxOf("office")).isEmpty();
        assertThat(server.messagesIn("office", "Trash")).isEmpty();
    }

    @Test
    void shouldReportAFailedPassWithTheDeviceName() {
        MailAccount wrong = new MailAccount(account.host(), account.port(), account.user(), "wrong");
        try (ReadingDevice phone = new ReadingDevice("iPhone (owner)", wrong)) {
            assertThatThrownBy(phone::checkOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("iPhone (owner): pass over office's INBOX failed");
        }
    }

    @Test
    void shouldReconnectOnTheNextPassAfterTheServerWasAway() {
        try (ReadingDevice phone = new ReadingDevice("iPhone (owner)", account)) {
            // given a device that has read the mail so far
            server.deliver(mail.next(OfficeMailSource.Kind.COLLEAGUE));
            assertThat(phone.checkOnce()).hasSize(1);

            // when the server goes away, the pass fails
            int smtpPort = server.smtpPort();
            int imapPort = server.imapPort();
            server.close();
            assertThatThrownBy(phone::checkOnce).isInstanceOf(IllegalStateException.class);

            // then, once the server is back on the same ports, the next pass reconnects and reads the new mail
            server = DemoMailServer.start(smtpPort, imapPort).addUser("office", "office-secret", ADDRESS);
            String fresh = server.deliver(mail.next(OfficeMailSource.Kind.CUSTOMER));
            assertThat(phone.checkOnce()).extracting(DeviceAction::messageId).containsExactly(fresh);
        }
    }
}
