package io.vanishwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml, the subscribers' description of every topic, stays true to the records: a channel per topic,
 * each message's fields and enum values those of its record, and each example read and written back unchanged.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private final JsonNode document = read();

    @Test
    void everyTopicHasExactlyOneChannelAndNoChannelIsLeftOver() {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @Test
    void eachMessageNamesTheFieldsAndEnumValuesOfItsRecord() {
        for (Topic<String, ?> topic : Topics.ALL) {
            Class<?> type = ((JsonSerde<?>) topic.valueSerde()).type();
            JsonNode properties = message(topic).at("/payload/properties");

            assertThat(fieldNames(properties)).as(topic.name() + " fields")
                    .isEqualTo(Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                            .collect(Collectors.toCollection(TreeSet::new)));
            for (var component : type.getRecordComponents()) {
                if (component.getType().isEnum()) {
                    Set<String> constants = Arrays.stream(component.getType().getEnumConstants())
                            .map(String::valueOf).collect(Collectors.toSet());
                    Set<String> documented = StreamSupport.stream(properties.at("/" + component.getName() + "/enum")
                            .spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
                    assertThat(documented).as(topic.name() + " " + component.getName()).isEqualTo(constants);
                }
            }
        }
    }

    @Test
    void eachExampleReadsAsItsRecordAndIsWrittenBackUnchanged() throws IOException {
        for (Topic<String, ?> topic : Topics.ALL) {
            JsonNode examples = message(topic).get("examples");
            assertThat(examples).as(topic.name() + " examples").isNotEmpty();
            for (JsonNode example : examples) {
                byte[] bytes = JsonSerde.MAPPER.writeValueAsBytes(example.get("payload"));
                Object record = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
                @SuppressWarnings("unchecked")
                byte[] written = ((org.apache.kafka.common.serialization.Serializer<Object>) topic.valueSerde()
                        .serializer()).serialize(topic.name(), record);
                JsonNode back = JsonSerde.MAPPER.readTree(written);

                example.get("payload").fields().forEachRemaining(field -> assertThat(back.get(field.getKey()))
                        .as(topic.name() + " example field " + field.getKey()).isEqualTo(field.getValue()));
            }
        }
    }

    private JsonNode message(Topic<String, ?> topic) {
        String name = ((JsonSerde<?>) topic.valueSerde()).type().getSimpleName();
        JsonNode message = document.at("/components/messages/" + name);
        assertThat(message.isMissingNode()).as("message " + name + " of " + topic.name()).isFalse();
        return message;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
