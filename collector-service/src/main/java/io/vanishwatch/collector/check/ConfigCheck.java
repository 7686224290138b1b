package io.vanishwatch.collector.check;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigValidationException;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.ConfigFiles;
import io.vanishwatch.collector.config.InvalidConfigurationException;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.imap.ImapConnector;

/**
 * {@code ./vanishwatch check-config FILE}: checks a configuration file with the collector's own validation, then
 * connects to every account with the collector's own connector and folder roles, so that "check-config says OK" means
 * "watch will connect" — nothing here re-implements a rule the watch follows.
 *
 * <p>It is a plain {@code main} in the collector, run by the launcher as a child process on the packaged collector's
 * classpath ({@code collector-service/target/quarkus-app}), rather than a Quarkus command-mode entry: a check needs no
 * CDI, Kafka or HTTP, starting none of them makes it quick and harmless to run next to a running watch, and the
 * service's own start stays exactly as it is. The file is read the way Quarkus reads it for the service (the {@code prod}
 * profile, the environment over the file, {@code vanishwatch.collector.*} keys the collector does not know refused).
 *
 * <p>Exit status: {@value #OK} when every account is OK (warnings allowed: the watch works, it only explains less),
 * {@value #PROBLEM} when any account has a problem, {@value #CONFIGURATION_ERROR} when the file itself is wrong (then
 * nothing is connected to). No password or token is ever printed: every reason comes from the connector, whose
 * reasons hold none.
 */
public final class ConfigCheck {

    public static final int OK = 0;
    public static final int PROBLEM = 1;
    public static final int CONFIGURATION_ERROR = 2;

    private static final Pattern UNKNOWN_KEY = Pattern.compile("SRCFG00050: (\\S+) in .*?(?::(\\d+))? does not map to"
            + " any root");

    private ConfigCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Checks the file in {@code args}, printing to {@code out}; returns the exit status. */
    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: check-config CONFIG-FILE");
            return CONFIGURATION_ERROR;
        }
        Path file = Path.of(args[0]);
        CollectorConfig config;
        CollectorSettings settings;
        try {
            config = read(file, environment);
            settings = CollectorSettings.from(config, environment::get);
        } catch (InvalidConfigurationException e) {
            return configurationError(file, e.problems(), out);
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(readable(e.getProblem(i).getMessage()));
            }
            return configurationError(file, problems, out);
        } catch (IllegalArgumentException | NoSuchElementException e) {
            return configurationError(file, List.of(String.valueOf(e.getMessage())), out);
        }
        out.println("collector keys: OK (" + settings.accounts().size() + " account"
                + (settings.accounts().size() == 1 ? "" : "s") + ")");
        if (settings.accounts().isEmpty()) {
            out.println("no account to connect to" + settings.serverLog().map(log -> "; the server log is followed ("
                    + (log.stdin() ? "stdin" : log.path()) + ")").orElse(""));
            return OK;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "check-config-timer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return check(settings, config, new AngusImapConnector(Duration.ofMinutes(1), timer), out);
        } finally {
            timer.shutdownNow();
        }
    }

    static int check(CollectorSettings settings, CollectorConfig config, ImapConnector connector, PrintStream out) {
        List<AccountCheck.Result> results = new ArrayList<>();
        for (AccountSettings account : settings.accounts()) {
            AccountCheck.Result result = AccountCheck.check(account, passwordKey(config.accounts().get(account.id())),
                    connector, settings);
            out.println();
            result.lines().forEach(out::println);
            out.flush();
            results.add(result);
        }
        List<String> failed = results.stream().filter(result -> !result.ok()).map(AccountCheck.Result::account)
                .toList();
        int warnings = results.stream().mapToInt(AccountCheck.Result::warnings).sum();
        out.println();
        out.println("check-config: " + results.size() + (results.size() == 1 ? " account, " : " accounts, ")
                + (results.size() - failed.size()) + " OK" + (failed.isEmpty() ? "" : ", with problems: "
                + String.join(", ", failed)) + (warnings == 0 ? "" : "; " + warnings + " warning"
                + (warnings == 1 ? "" : "s")));
        return failed.isEmpty() ? OK : PROBLEM;
    }

    private static String passwordKey(CollectorConfig.Account account) {
        if (account == null || account.password().isPresent()) {
            return "password";
        }
        return account.passwordEnv().isPresent() ? "password-env" : "password-file";
    }

    /** The file as the collector service reads it, checked by the same mapping. */
    static CollectorConfig read(Path file, Map<String, String> environment) {
        return ConfigFiles.read(List.of(file), environment, "prod", false).getConfigMapping(CollectorConfig.class);
    }

    /** SmallRye's "SRCFG00050: KEY in SOURCE:LINE does not map to any root" as "KEY: ..." like every other problem. */
    private static String readable(String problem) {
        Matcher unknown = UNKNOWN_KEY.matcher(problem);
        if (unknown.matches()) {
            return unknown.group(1) + ": not a key of the collector (a typo?); the collector refuses it at start"
                    + (unknown.group(2) == null ? "" : " (line " + unknown.group(2) + ")");
        }
        return problem;
    }

    private static int configurationError(Path file, List<String> problems, PrintStream out) {
        out.println("configuration " + file + ": not usable, nothing was connected to");
        problems.forEach(problem -> out.println("CONFIG ERROR " + problem));
        return CONFIGURATION_ERROR;
    }
}
