package io.vanishwatch.notifier.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vanishwatch.notifier.api.ApiConfig;
import io.vanishwatch.notifier.silence.SilenceConfig;

/**
 * The notifier's part of {@code ./vanishwatch check-config FILE}: the file's {@code vanishwatch.notifier.*} keys through
 * the notifier's own mappings, {@link NotifierSettings} and {@link RoutingSettings}, so that a channel, receiver or
 * route the notifier would refuse at start is named before {@code watch}; nothing is sent. A plain {@code main} run on
 * the packaged notifier's classpath, as the collector's check is; exit 0 OK (warnings printed), 2 a bad key.
 */
public final class NotifierConfigCheck {

    static final int OK = 0;
    static final int CONFIGURATION_ERROR = 2;
    private static final Pattern UNKNOWN_KEY = Pattern.compile("SRCFG00050: (\\S+) in .*?(?::(\\d+))? does not map to"
            + " any root");

    private NotifierConfigCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        if (args.length != 1 || !Files.isReadable(Path.of(args[0]))) {
            out.println("CONFIG ERROR cannot read the configuration file" + (args.length == 1 ? " " + args[0] : ""));
            return CONFIGURATION_ERROR;
        }
        NotifierSettings settings;
        List<String> shared = new ArrayList<>();
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile("prod")
                    .addDefaultInterceptors()
                    .addDiscoveredConverters()
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withMapping(NotifierConfig.class)
                    .withMapping(ApiConfig.class)
                    .withMapping(SilenceConfig.class)
                    .withValidateUnknown(true)
                    .withSources(new PropertiesConfigSource(Path.of(args[0]).toUri().toURL(), 250),
                            new EnvConfigSource(environment, 300))
                    .build();
            NotifierConfig notifier = config.getConfigMapping(NotifierConfig.class);
            settings = NotifierSettings.from(notifier, environment::get);
            shared.addAll(settings.channelNames());
            RoutingSettings.from(notifier, settings);
        } catch (InvalidConfigurationException e) {
            e.problems().forEach(problem -> out.println("CONFIG ERROR " + problem));
            return CONFIGURATION_ERROR;
        } catch (ConfigValidationException e) {
            for (int i = 0; i < e.getProblemCount(); i++) {
                out.println("CONFIG ERROR " + readable(e.getProblem(i).getMessage()));
            }
            return CONFIGURATION_ERROR;
        } catch (IllegalArgumentException | NoSuchElementException | IOException e) {
            out.println("CONFIG ERROR " + e.getMessage());
            return CONFIGURATION_ERROR;
        }
        settings.warnings().forEach(warning -> out.println("WARNING " + warning));
        out.println("notifier keys: OK (channels: " + (shared.isEmpty() ? "none" : String.join(", ", shared)) + ")");
        return OK;
    }

    /** SmallRye's "SRCFG00050: KEY in SOURCE:LINE does not map to any root" as "KEY: ...". */
    private static String readable(String problem) {
        Matcher unknown = UNKNOWN_KEY.matcher(problem);
        if (unknown.matches()) {
            return unknown.group(1) + ": not a key of the notifier (a typo?); the notifier refuses it at start"
                    + (unknown.group(2) == null ? "" : " (line " + unknown.group(2) + ")");
        }
        return problem;
    }
}
