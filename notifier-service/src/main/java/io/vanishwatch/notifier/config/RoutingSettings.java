package io.vanishwatch.notifier.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.notifier.delivery.Notice;
import io.vanishwatch.notifier.routing.AlertLabels;
import io.vanishwatch.notifier.routing.Customers;
import io.vanishwatch.notifier.routing.Grouping;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.Route;
import io.vanishwatch.notifier.routing.RouteTree;

/**
 * The routing tree, the receivers and the accounts' customers, checked as a whole: a route pointing at a receiver
 * that does not exist, a receiver naming a channel that is not configured, a label, pattern, severity, language or
 * zone that does not exist — each is named by its key.
 *
 * @param receivers every receiver by name, {@code default} (every channel) among them
 */
public record RoutingSettings(RouteTree routes, Map<String, ReceiverPlan> receivers, Customers customers) {

    /** The channel names a receiver can list. */
    public static final List<String> CHANNELS = List.of("email", "webhook", "slack", "teams", "mattermost");
    public static final Set<String> LANGUAGES = Set.of("en", "ja");

    private static final String PREFIX = NotifierConfig.PREFIX + ".";

    /**
     * A receiver before its channels exist.
     *
     * @param channels the configured channels it uses, by name
     * @param emailTo  its own e-mail recipients, instead of {@code email.to}
     */
    public record ReceiverPlan(String name, List<String> channels, Optional<List<String>> emailTo,
            Notice.Presentation presentation, boolean sendResolved) {

        public ReceiverPlan {
            channels = List.copyOf(channels);
        }
    }

    /** The routing of {@code config} over the channels {@code settings} configured, shared and per receiver. */
    public static RoutingSettings from(NotifierConfig config, NotifierSettings settings) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        settings.receiverHooks().forEach((name, hooks) -> own.put(name, hooks.channels()));
        return from(config, settings.channelNames(), own);
    }

    /** @param configuredChannels the channel names configured at the top level (email, webhook, ...) */
    public static RoutingSettings from(NotifierConfig config, List<String> configuredChannels) {
        return from(config, configuredChannels, Map.of());
    }

    /**
     * @param configuredChannels the channel names configured at the top level (email, webhook, ...)
     * @param ownChannels        per receiver, the channel names it has its own hooks for
     */
    public static RoutingSettings from(NotifierConfig config, List<String> configuredChannels,
            Map<String, List<String>> ownChannels) {
        List<String> problems = new ArrayList<>();
        Notice.Presentation defaults = presentation(PREFIX, Optional.of(config.language()),
                Optional.of(config.timeZone()), config.timelineBaseUrl(), Notice.Presentation.DEFAULT, problems);
        Map<String, ReceiverPlan> receivers = new LinkedHashMap<>();
        receivers.put(Receiver.DEFAULT, new ReceiverPlan(Receiver.DEFAULT, configuredChannels, Optional.empty(),
                defaults, true));
        new TreeMap<>(config.receivers()).forEach((name, receiver) ->
                receivers.put(name, receiver(name, receiver, available(configuredChannels,
                        ownChannels.getOrDefault(name, List.of())), defaults, problems)));
        Grouping rootGrouping = grouping(PREFIX, Optional.of(config.groupBy()), Optional.of(config.groupWait()),
                Optional.of(config.groupInterval()), Optional.of(config.repeatInterval()), Grouping.DEFAULT, problems);
        Route root = new Route(RouteTree.ROOT, Receiver.DEFAULT, Map.of(), false, rootGrouping);
        List<Route> routes = new ArrayList<>();
        new TreeMap<>(config.routes()).forEach((name, route) ->
                route(name, route, receivers.keySet(), rootGrouping, problems).ifPresent(routes::add));
        Map<String, String> customers = new HashMap<>();
        config.accounts().forEach((account, settings) -> settings.customer().map(String::strip)
                .filter(customer -> !customer.isEmpty()).ifPresent(customer -> customers.put(account, customer)));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new RoutingSettings(new RouteTree(root, routes), receivers, new Customers(customers));
    }

    private static ReceiverPlan receiver(String name, NotifierConfig.Receiver config, List<String> configuredChannels,
            Notice.Presentation defaults, List<String> problems) {
        String prefix = PREFIX + "receivers." + name + ".";
        List<String> channels = config.channels().map(RoutingSettings::trimmed).orElse(configuredChannels);
        for (String channel : channels) {
            if (!CHANNELS.contains(channel)) {
                problems.add(prefix + "channels: '" + channel + "' is not one of " + String.join(", ", CHANNELS));
            } else if (!configuredChannels.contains(channel)) {
                problems.add(prefix + "channels: '" + channel + "' is not configured (set " + PREFIX + channel
                        + ".*)");
            }
        }
        Optional<List<String>> emailTo = config.emailTo().map(RoutingSettings::trimmed);
        emailTo.ifPresent(addresses -> addresses.forEach(address -> {
            try {
                new jakarta.mail.internet.InternetAddress(address, true);
            } catch (jakarta.mail.internet.AddressException e) {
                problems.add(prefix + "email-to: '" + address + "' is not an e-mail address");
            }
        }));
        if (emailTo.isPresent() && !channels.contains("email")) {
            problems.add(prefix + "email-to: the receiver has no e-mail channel");
        }
        return new ReceiverPlan(name, channels, emailTo, presentation(prefix, config.language(), config.timeZone(),
                config.timelineBaseUrl(), defaults, problems), config.sendResolved());
    }

    private static Optional<Route> route(String name, NotifierConfig.Route config, Set<String> receivers,
            Grouping rootGrouping, List<String> problems) {
        String prefix = PREFIX + "routes." + name + ".";
        int before = problems.size();
        String receiver = config.receiver().map(String::strip).orElse("");
        if (receiver.isEmpty()) {
            problems.add(prefix + "receiver: required (one of " + String.join(", ", receivers) + ")");
        } else if (!receivers.contains(receiver)) {
            problems.add(prefix + "receiver: '" + receiver + "' is not a receiver (" + String.join(", ", receivers)
                    + ")");
        }
        Map<String, Set<String>> match = new HashMap<>();
        config.accounts().map(RoutingSettings::trimmed).ifPresent(values -> match.put(AlertLabels.ACCOUNT,
                Set.copyOf(values)));
        config.customers().map(RoutingSettings::trimmed).ifPresent(values -> match.put(AlertLabels.CUSTOMER,
                Set.copyOf(values)));
        config.patterns().ifPresent(values -> match.put(AlertLabels.PATTERN, names(prefix + "patterns", values,
                Alert.Pattern.values(), problems)));
        config.severities().ifPresent(values -> match.put(AlertLabels.SEVERITY, names(prefix + "severities",
                values, Alert.Severity.values(), problems)));
        Grouping grouping = grouping(prefix, config.groupBy(), config.groupWait(), config.groupInterval(),
                config.repeatInterval(), rootGrouping, problems);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new Route(name, receiver, match, config.continueMatching(), grouping));
    }

    private static Grouping grouping(String prefix, Optional<List<String>> groupBy, Optional<Duration> groupWait,
            Optional<Duration> groupInterval, Optional<Duration> repeatInterval, Grouping defaults,
            List<String> problems) {
        List<String> labels = groupBy.map(RoutingSettings::trimmed).orElse(defaults.groupBy());
        if (labels.equals(List.of("none"))) {
            labels = List.of();
        }
        for (String label : labels) {
            if (!AlertLabels.ALL.contains(label)) {
                problems.add(prefix + "group-by: '" + label + "' is not one of " + String.join(", ", AlertLabels.ALL)
                        + " (or none)");
            }
        }
        Duration wait = nonNegative(prefix + "group-wait", groupWait.orElse(defaults.groupWait()), problems);
        Duration interval = nonNegative(prefix + "group-interval", groupInterval.orElse(defaults.groupInterval()),
                problems);
        Duration repeat = nonNegative(prefix + "repeat-interval", repeatInterval.orElse(defaults.repeatInterval()),
                problems);
        return new Grouping(labels, wait, interval, repeat);
    }

    private static Notice.Presentation presentation(String prefix, Optional<String> language,
            Optional<String> timeZone, Optional<String> timelineBaseUrl, Notice.Presentation defaults,
            List<String> problems) {
        String lang = language.map(l -> l.strip().toLowerCase(Locale.ROOT)).orElse(defaults.language());
        if (!LANGUAGES.contains(lang)) {
            problems.add(prefix + "language: '" + lang + "' is not one of en, ja");
        }
        String zone = timeZone.map(String::strip).orElse(defaults.timeZone());
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(prefix + "time-zone: '" + zone + "' is not a time zone (e.g. UTC, Asia/Tokyo)");
        }
        Optional<String> base = timelineBaseUrl.map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .or(defaults::timelineBaseUrl);
        base.ifPresent(url -> {
            try {
                URI uri = new URI(url);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    problems.add(prefix + "timeline-base-url: must be an http(s) URL with a host");
                }
            } catch (URISyntaxException e) {
                problems.add(prefix + "timeline-base-url: not a URL (" + e.getReason() + ")");
            }
        });
        return new Notice.Presentation(lang, zone, base);
    }

    private static <E extends Enum<E>> Set<String> names(String key, List<String> values, E[] known,
            List<String> problems) {
        Map<String, E> byName = Arrays.stream(known).collect(Collectors.toMap(Enum::name, Function.identity()));
        Set<String> names = trimmed(values).stream().map(v -> v.toUpperCase(Locale.ROOT).replace('-', '_'))
                .collect(Collectors.toSet());
        names.stream().filter(name -> !byName.containsKey(name)).forEach(name -> problems.add(key + ": '" + name
                + "' is not one of " + String.join(", ", byName.keySet().stream().sorted().toList())));
        return names;
    }

    private static Duration nonNegative(String key, Duration value, List<String> problems) {
        if (value.isNegative()) {
            problems.add(key + ": must not be negative");
            return Duration.ZERO;
        }
        return value;
    }

    private static List<String> available(List<String> configured, List<String> own) {
        return CHANNELS.stream().filter(name -> configured.contains(name) || own.contains(name)).toList();
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
