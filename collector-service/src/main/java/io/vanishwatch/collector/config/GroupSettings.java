package io.vanishwatch.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How collectors share the accounts when {@code assignment=group}: members of one Kafka consumer group subscribed
 * to the accounts topic, each watching the configured accounts of the partitions it is given.
 *
 * @param instanceId this instance's name: part of its transactional id, so that a restart fences its predecessor
 */
public record GroupSettings(String id, String accountsTopic, Duration sessionTimeout, String instanceId) {

    static final Duration SHORTEST_SESSION = Duration.ofSeconds(6);
    static final Duration LONGEST_SESSION = Duration.ofMinutes(30);

    /** The group settings, empty for {@code assignment=all}; a wrong value adds a problem naming its key. */
    static Optional<GroupSettings> from(CollectorConfig config, List<String> problems) {
        String key = CollectorConfig.PREFIX + ".";
        String assignment = config.assignment().trim().toLowerCase(Locale.ROOT);
        if (assignment.equals("all")) {
            return Optional.empty();
        }
        if (!assignment.equals("group")) {
            problems.add(key + "assignment: must be all (this collector watches every configured account) or group"
                    + " (collectors share them through a Kafka consumer group), is " + config.assignment());
            return Optional.empty();
        }
        CollectorConfig.Group group = config.group();
        if (group.id().isBlank()) {
            problems.add(key + "group.id: must not be blank");
        }
        if (group.accountsTopic().isBlank()) {
            problems.add(key + "group.accounts-topic: must not be blank");
        }
        Duration session = group.sessionTimeout();
        if (session.compareTo(SHORTEST_SESSION) < 0 || session.compareTo(LONGEST_SESSION) > 0) {
            problems.add(key + "group.session-timeout: must be between 6s and 30m (the broker's group.min and"
                    + " group.max.session.timeout.ms by default), is " + session);
        }
        String instance = group.instanceId().map(String::trim).orElseGet(GroupSettings::hostAndProcess);
        if (instance.isEmpty()) {
            problems.add(key + "group.instance-id: must not be blank");
        }
        return Optional.of(new GroupSettings(group.id().trim(), group.accountsTopic().trim(), session, instance));
    }

    private static String hostAndProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
