package io.vanishwatch.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.notifier.routing.AlertLabels;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.routing.Route;
import io.vanishwatch.notifier.routing.RouteTree;
import org.junit.jupiter.api.Test;

class RoutingSettingsTest {

    private static final List<String> CONFIGURED = List.of("email", "slack");

    @Test
    void withoutRoutesEveryAlertGoesToTheDefaultReceiverOnEveryChannelOnePerAlert() {
        RoutingSettings routing = routing(Map.of());

        Route root = routing.routes().routesFor(Map.of(AlertLabels.ACCOUNT, "office")).get(0);
        assertThat(root.name()).isEqualTo(RouteTree.ROOT);
        assertThat(root.receiver()).isEqualTo(Receiver.DEFAULT);
        assertThat(root.grouping().groupBy()).containsExactly("account", "pattern");
        assertThat(root.grouping().groupWait()).isZero();
        assertThat(root.grouping().repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(routing.receivers().get(Receiver.DEFAULT).channels()).containsExactly("email", "slack");
        assertThat(routing.receivers().get(Receiver.DEFAULT).presentation().language()).isEqualTo("en");
    }

    @Test
    void routesAreTriedInTheOrderOfTheirNamesAndTakeTheirOwnGroupingAndReceiver() {
        Map<String, String> config = new HashMap<>();
        config.put("vanishwatch.notifier.accounts.front.customer", "ACME");
        config.put("vanishwatch.notifier.receivers.acme-desk.channels", "slack");
        config.put("vanishwatch.notifier.receivers.acme-desk.language", "ja");
        config.put("vanishwatch.notifier.receivers.acme-desk.time-zone", "Asia/Tokyo");
        config.put("vanishwatch.notifier.receivers.night.email-to", "oncall@example.net");
        config.put("vanishwatch.notifier.receivers.night.send-resolved", "false");
        config.put("vanishwatch.notifier.routes.10-critical.severities", "critical");
        config.put("vanishwatch.notifier.routes.10-critical.receiver", "night");
        config.put("vanishwatch.notifier.routes.10-critical.continue", "true");
        config.put("vanishwatch.notifier.routes.20-acme.customers", "ACME");
        config.put("vanishwatch.notifier.routes.20-acme.receiver", "acme-desk");
        config.put("vanishwatch.notifier.routes.20-acme.group-by", "customer");
        config.put("vanishwatch.notifier.routes.20-acme.group-wait", "30s");
        RoutingSettings routing = routing(config);

        Map<String, String> critical = Map.of(AlertLabels.ACCOUNT, "front", AlertLabels.CUSTOMER, "ACME",
                AlertLabels.PATTERN, "MASS_REMOVAL", AlertLabels.SEVERITY, "CRITICAL");
        assertThat(routing.routes().routesFor(critical)).extracting(Route::name)
                .containsExactly("10-critical", "20-acme");
        assertThat(routing.routes().routesFor(Map.of(AlertLabels.ACCOUNT, "shop", AlertLabels.SEVERITY, "INFO")))
                .extracting(Route::name).containsExactly(RouteTree.ROOT);
        Route acme = routing.routes().route("20-acme").orElseThrow();
        assertThat(acme.grouping().groupBy()).containsExactly("customer");
        assertThat(acme.grouping().groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(acme.grouping().repeatInterval()).as("from the root").isEqualTo(Duration.ofHours(4));
        assertThat(routing.customers().of("front")).contains("ACME");
        RoutingSettings.ReceiverPlan desk = routing.receivers().get("acme-desk");
        assertThat(desk.channels()).containsExactly("slack");
        assertThat(desk.presentation().language()).isEqualTo("ja");
        assertThat(desk.presentation().timeZone()).isEqualTo("Asia/Tokyo");
        RoutingSettings.ReceiverPlan night = routing.receivers().get("night");
        assertThat(night.emailTo()).contains(List.of("oncall@example.net"));
        assertThat(night.sendResolved()).isFalse();
    }

    @Test
    void everyRoutingMistakeIsNamedByItsKey() {
        Map<String, String> config = new HashMap<>();
        config.put("vanishwatch.notifier.routes.a.receiver", "nobody");
        config.put("vanishwatch.notifier.routes.a.patterns", "CLIENT_MOVES_TO_LOCAL,JUNK_FILTER");
        config.put("vanishwatch.notifier.routes.b.severities", "urgent");
        config.put("vanishwatch.notifier.routes.b.group-by", "folder");
        config.put("vanishwatch.notifier.receivers.r.channels", "email,teams,pager");
        config.put("vanishwatch.notifier.receivers.r.language", "de");
        config.put("vanishwatch.notifier.receivers.r.time-zone", "Mars/Olympus");
        config.put("vanishwatch.notifier.group-wait", "-1s");

        assertThatThrownBy(() -> routing(config)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "vanishwatch.notifier.group-wait: must not be negative",
                        "vanishwatch.notifier.receivers.r.channels: 'teams' is not configured (set vanishwatch.notifier.teams.*)",
                        "vanishwatch.notifier.receivers.r.channels: 'pager' is not one of email, webhook, slack, teams, mattermost",
                        "vanishwatch.notifier.receivers.r.language: 'de' is not one of en, ja",
                        "vanishwatch.notifier.receivers.r.time-zone: 'Mars/Olympus' is not a time zone (e.g. UTC, Asia/Tokyo)",
                        "vanishwatch.notifier.routes.a.receiver: 'nobody' is not a receiver (default, r)",
                        "vanishwatch.notifier.routes.a.patterns: 'JUNK_FILTER' is not one of CLIENT_MOVES_TO_LOCAL, "
                                + "DELETED_UNREAD, DOWNLOAD_AND_DELETE, LOGIN_FAILURES, MAILBOX_RESET, MASS_REMOVAL, "
                                + "MOVED_TO_FOLDER, MOVED_TO_JUNK, NEW_DEVICE, WATCHER_BLIND",
                        "vanishwatch.notifier.routes.b.receiver: required (one of default, r)",
                        "vanishwatch.notifier.routes.b.severities: 'URGENT' is not one of CRITICAL, INFO, WARNING",
                        "vanishwatch.notifier.routes.b.group-by: 'folder' is not one of account, customer, pattern, "
                                + "severity (or none)"));
    }

    @Test
    void aReceiversOwnHookCountsAsItsChannel() {
        RoutingSettings routing = RoutingSettings.from(config(Map.of(
                "vanishwatch.notifier.receivers.acme-desk.channels", "teams")), CONFIGURED,
                Map.of("acme-desk", List.of("teams")));

        assertThat(routing.receivers().get("acme-desk").channels()).containsExactly("teams");
        assertThat(routing.receivers().get(Receiver.DEFAULT).channels()).containsExactly("email", "slack");
    }

    @Test
    void groupByNoneMakesOneGroup() {
        RoutingSettings routing = routing(Map.of("vanishwatch.notifier.group-by", "none"));

        assertThat(routing.routes().root().grouping().groupBy()).isEmpty();
        assertThat(routing.routes().root().grouping().groupKey(Map.of(AlertLabels.ACCOUNT, "x"))).isEmpty();
    }

    private static RoutingSettings routing(Map<String, String> properties) {
        return RoutingSettings.from(config(properties), CONFIGURED);
    }

    private static NotifierConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(NotifierConfig.class);
    }
}
