package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.serialization.StringSerializer;

import io.vanishwatch.analyzer.rules.KnownMessage;

/**
 * The keys of the analyzer's stores. Every key starts with the account, so one account's entries can be scanned by
 * prefix; the parts are joined by NUL, which neither account ids nor Message-IDs contain.
 */
final class StoreKeys {

    static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();
    private static final char SEP = '\u0000';

    private StoreKeys() {
    }

    /** One message in one folder: account, folder, UIDVALIDITY, UID. */
    static String message(String account, String folder, long uidValidity, long uid) {
        return account + SEP + folder + SEP + uidValidity + SEP + uid;
    }

    /** Every message state of one folder, whatever its UIDVALIDITY. */
    static String folder(String account, String folder) {
        return account + SEP + folder + SEP;
    }

    /** One event id, under its account and folder so that a folder's ids can be forgotten together. */
    static String seenEvent(String account, String folder, String eventId) {
        return folder(account, folder) + eventId;
    }

    /** The last key of a prefix range: every key starting with {@code prefix} sorts before it. */
    static String endOf(String prefix) {
        return prefix + '\uffff';
    }

    /** Every entry of an account. */
    static String account(String account) {
        return account + SEP;
    }

    /** Every removal or arrival of one message (by correlation key) in an account. */
    static String correlation(String account, String correlationKey) {
        return account + SEP + correlationKey + SEP;
    }

    /** One removal or arrival of one message: the correlation prefix, then where it was. */
    static String located(String account, String correlationKey, KnownMessage message) {
        return correlation(account, correlationKey) + message.folder() + SEP + message.uidValidity() + SEP + message.uid();
    }

    /** One pattern's episode on one account. */
    static String episode(String account, Object pattern) {
        return account + SEP + pattern;
    }
}
