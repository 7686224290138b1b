package io.vanishwatch.collector.imap;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.Flags;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;

/** Reads what the watcher keeps of a message out of a FETCH response: envelope, size, date and flags. */
final class Envelopes {

    private Envelopes() {
    }

    static io.vanishwatch.events.MessageSummary summary(FetchResponse fetch) {
        ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
        RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
        INTERNALDATE internalDate = fetch.getItem(INTERNALDATE.class);
        String messageId = envelope == null ? null : envelope.messageId;
        String from = envelope == null || envelope.from == null || envelope.from.length == 0
                ? null : address(envelope.from[0]);
        String subject = envelope == null ? null : decode(envelope.subject);
        Instant received = internalDate == null || internalDate.getDate() == null
                ? null : internalDate.getDate().toInstant();
        return new io.vanishwatch.events.MessageSummary(messageId, from, subject, size == null ? 0 : size.size,
                received, flagNames(fetch.getItem(FLAGS.class)));
    }

    /** IMAP flag names: system flags as {@code \Seen}, user flags (keywords) as they are. */
    static Set<String> flagNames(Flags flags) {
        TreeSet<String> names = new TreeSet<>();
        if (flags == null) {
            return names;
        }
        for (Flags.Flag flag : flags.getSystemFlags()) {
            if (flag == Flags.Flag.ANSWERED) {
                names.add("\\Answered");
            } else if (flag == Flags.Flag.DELETED) {
                names.add("\\Deleted");
            } else if (flag == Flags.Flag.DRAFT) {
                names.add("\\Draft");
            } else if (flag == Flags.Flag.FLAGGED) {
                names.add("\\Flagged");
            } else if (flag == Flags.Flag.SEEN) {
                names.add("\\Seen");
            }
        }
        names.addAll(List.of(flags.getUserFlags()));
        return names;
    }

    private static String address(InternetAddress address) {
        String personal = address.getPersonal();
        return personal == null || personal.isBlank()
                ? address.getAddress() : personal + " <" + address.getAddress() + ">";
    }

    private static String decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(text));
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }
}
