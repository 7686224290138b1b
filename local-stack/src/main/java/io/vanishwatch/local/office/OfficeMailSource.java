package io.vanishwatch.local.office;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Realistic mail for a small office's shared account: colleagues and customers (which people read), a supplier's
 * invoices (which the Mac's junk filter catches) and newsletters (which a device moves to Junk).
 */
public final class OfficeMailSource {

    /** The kinds of mail the office receives. */
    public enum Kind {
        COLLEAGUE, CUSTOMER, SUPPLIER_INVOICE, NEWSLETTER
    }

    private record Sender(String name, String address) {
    }

    private static final List<Sender> COLLEAGUES = List.of(
            new Sender("Anna Berger", "anna.berger@office.example"),
            new Sender("Tom Keller", "tom.keller@office.example"),
            new Sender("Lena Wolf", "lena.wolf@office.example"));
    private static final List<Sender> CUSTOMERS = List.of(
            new Sender("Maria Lopez", "maria.lopez@lopez-bakery.example"),
            new Sender("Jonas Meyer", "j.meyer@meyer-architects.example"),
            new Sender("Priya Shah", "priya@shah-consulting.example"));
    private static final List<Sender> SUPPLIERS = List.of(
            new Sender("Parts & Co Billing", "billing@parts-and-co.example"),
            new Sender("Parts & Co Accounts", "accounts@parts-and-co.example"));
    private static final List<Sender> NEWSLETTERS = List.of(
            new Sender("Deals Weekly", "news@deals-weekly.example"),
            new Sender("Office Supplies Digest", "digest@officesupplies.example"),
            new Sender("Deals Weekly", "news@deals-weekly.example"));

    private static final List<String> COLLEAGUE_SUBJECTS = List.of(
            "Lunch on Friday?", "Notes from this morning's meeting", "Holiday rota for December",
            "Printer on floor 2 is fixed", "Can you cover the front desk at 3?");
    private static final List<String> CUSTOMER_SUBJECTS = List.of(
            "Question about my order", "Change of delivery address", "Request for a quote",
            "Thank you for the quick help", "Appointment next Tuesday");
    private static final List<String> INVOICE_SUBJECTS = List.of(
            "Your invoice INV-%d", "Payment reminder for invoice INV-%d", "Credit note for INV-%d");
    private static final List<String> NEWSLETTER_SUBJECTS = List.of(
            "This week's deals: up to 50%% off (#%d)", "Your monthly office supplies digest (#%d)",
            "Last chance: free shipping ends tonight (#%d)"); // one per entry of NEWSLETTERS

    private final String recipient;
    private final Random random;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final AtomicInteger counter = new AtomicInteger(1000);

    /** Mail addressed to {@code recipient}, chosen reproducibly from {@code seed}. */
    public OfficeMailSource(String recipient, long seed, Clock clock) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.random = new Random(seed);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OfficeMailSource(String recipient, long seed) {
        this(recipient, seed, Clock.systemUTC());
    }

    /** The addresses supplier invoices come from: what the junk-filtering Mac is set to catch. */
    public static List<String> invoiceSenders() {
        return addresses(SUPPLIERS);
    }

    /** The addresses newsletters come from: what the server junk mover is set to move. */
    public static List<String> newsletterSenders() {
        return addresses(NEWSLETTERS).stream().distinct().toList();
    }

    /** A message of a kind picked at random: 35 % colleagues, 35 % customers, 15 % invoices, 15 % newsletters. */
    public synchronized MimeMessage next() {
        int roll = random.nextInt(100);
        Kind kind = roll < 35 ? Kind.COLLEAGUE : roll < 70 ? Kind.CUSTOMER : roll < 85 ? Kind.SUPPLIER_INVOICE
                : Kind.NEWSLETTER;
        return next(kind);
    }

    /** A new message of {@code kind}, with a Message-ID of its own. */
    public synchronized MimeMessage next(Kind kind) {
        int number = counter.incrementAndGet();
        Sender sender;
        String subject;
        String body;
        switch (kind) {
            case COLLEAGUE -> {
                sender = pick(COLLEAGUES);
                subject = pick(COLLEAGUE_SUBJECTS);
                body = "Hi,\n\n" + subject + " - let me know.\n\n" + sender.name();
            }
            case CUSTOMER -> {
                sender = pick(CUSTOMERS);
                subject = pick(CUSTOMER_SUBJECTS);
                body = "Hello,\n\nI am writing about: " + subject.toLowerCase() + ".\n\nKind regards,\n" + sender.name();
            }
            case SUPPLIER_INVOICE -> {
                sender = pick(SUPPLIERS);
                subject = String.format(pick(INVOICE_SUBJECTS), number);
                body = "Dear customer,\n\nplease find invoice INV-" + number + " for your last order; amount due "
                        + (100 + random.nextInt(900)) + ".00 EUR within 14 days.\n\nParts & Co";
            }
            case NEWSLETTER -> {
                int which = random.nextInt(NEWSLETTER_SUBJECTS.size());
                sender = NEWSLETTERS.get(which);
                subject = String.format(NEWSLETTER_SUBJECTS.get(which), number);
                body = "This week only: paper, toner and coffee at prices you will love.\n\nUnsubscribe any time.";
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(sender.address(), sender.name(), "UTF-8"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(Date.from(clock.instant()));
            message.setText(body, "UTF-8");
            message.saveChanges();
            return message;
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot build a " + kind + " message", e);
        }
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> addresses(List<Sender> senders) {
        return senders.stream().map(Sender::address).collect(Collectors.toUnmodifiableList());
    }
}
