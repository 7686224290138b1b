package io.vanishwatch.analyzer;

import java.time.Instant;
import java.util.Set;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.ServerLogEvent;

/** Server-log records as Dovecot's log follower publishes them, for one device (session, address, IMAP ID name). */
public record ServerLog(String account, String session, String protocol, String clientIp, String clientName,
                        String clientVersion) {

    public static ServerLog imap(String account, String session, String clientIp, String clientName) {
        return new ServerLog(account, session, "imap", clientIp, clientName, null);
    }

    public static ServerLog pop3(String account, String session, String clientIp) {
        return new ServerLog(account, session, "pop3", clientIp, null, null);
    }

    public ServerLogEvent expunge(String folder, long uid, Message message, Instant at) {
        return record(ServerLogEvent.Action.EXPUNGE, folder, uid, message, null, at);
    }

    public ServerLogEvent deleted(String folder, long uid, Message message, Instant at) {
        return record(ServerLogEvent.Action.DELETE_FLAG_SET, folder, uid, message, null, at);
    }

    public ServerLogEvent copy(String folder, long uid, Message message, String destination, Instant at) {
        return record(ServerLogEvent.Action.COPY, folder, uid, message, destination, at);
    }

    public ServerLogEvent retrieve(String folder, long uid, Message message, Instant at) {
        return record(ServerLogEvent.Action.POP3_RETRIEVE, folder, uid, message, null, at);
    }

    public ServerLogEvent login(Instant at) {
        return record(ServerLogEvent.Action.LOGIN_OK, null, null, null, null, at);
    }

    private ServerLogEvent record(ServerLogEvent.Action action, String folder, Long uid, Message message,
                                  String destination, Instant at) {
        String messageId = message == null ? null : message.messageId();
        return new ServerLogEvent(ServerLogEvent.eventId("test", session + action + folder + uid + at), action, account,
                account, folder, uid, messageId, destination,
                action == ServerLogEvent.Action.DELETE_FLAG_SET ? Set.of("\\Deleted") : Set.of(), session, protocol,
                clientIp, clientName, clientVersion, null, at, "dovecot");
    }
}
