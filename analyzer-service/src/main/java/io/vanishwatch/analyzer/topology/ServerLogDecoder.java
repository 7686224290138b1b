package io.vanishwatch.analyzer.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * Reads the raw server-log records, so that one that is not a usable {@link ServerLogEvent} is parked on the
 * server log's dead-letter topic with its original bytes instead of stopping the application.
 */
final class ServerLogDecoder implements Processor<byte[], byte[], Object, Object> {

    private final Deserializer<ServerLogEvent> deserializer = Topics.SERVER_LOG.valueSerde().deserializer();
    private ProcessorContext<Object, Object> context;

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ServerLogEvent event;
        try {
            event = decode(record.value());
        } catch (RuntimeException e) {
            DeadLetters.park(context, AnalyzerTopology.SERVER_LOG_DECODER, AnalyzerTopology.SERVER_LOG_DEAD_LETTERS,
                    record.key(), record.value(), record.headers(), record.timestamp(), e);
            return;
        }
        context.forward(record.withKey((Object) event.account()).withValue((Object) event), AnalyzerTopology.ATTRIBUTOR);
    }

    private ServerLogEvent decode(byte[] value) {
        if (value == null) {
            throw new SerializationException("no value: a server-log record is never a tombstone");
        }
        ServerLogEvent event = deserializer.deserialize(Topics.SERVER_LOG.name(), value);
        if (event.action() == null || event.account() == null || event.at() == null) {
            throw new SerializationException("a server-log record needs action, account and at");
        }
        return event;
    }
}
