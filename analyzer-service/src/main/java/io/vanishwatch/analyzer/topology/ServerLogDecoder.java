package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.errors.SerializationException;

import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/** The mail server's records, each with action, account and time; the rest parked on the server log's dead letters. */
final class ServerLogDecoder extends RecordDecoder<ServerLogEvent> {

    ServerLogDecoder() {
        super(Topics.SERVER_LOG, AnalyzerTopology.SERVER_LOG_DECODER, AnalyzerTopology.SERVER_LOG_DEAD_LETTERS,
                AnalyzerTopology.ATTRIBUTOR);
    }

    @Override
    ServerLogEvent check(ServerLogEvent event) {
        if (event.action() == null || event.account() == null || event.at() == null) {
            throw new SerializationException("a server-log record needs action, account and at");
        }
        return event;
    }

    @Override
    String account(ServerLogEvent event) {
        return event.account();
    }
}
