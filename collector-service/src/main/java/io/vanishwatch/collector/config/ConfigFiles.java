package io.vanishwatch.collector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;

/**
 * Reads configuration files the way Quarkus reads a {@code quarkus.config.locations} file for the service — the
 * environment over the file, {@code vanishwatch.collector.*} keys the collector does not know refused — for the
 * config checker and for taking account changes without a restart.
 */
public final class ConfigFiles {

    /** Quarkus reads a {@code quarkus.config.locations} file with this ordinal; the environment (300) wins over it. */
    private static final int FILE_ORDINAL = 250;
    private static final int ENVIRONMENT_ORDINAL = 300;

    private ConfigFiles() {
    }

    /**
     * The files as one configuration under {@code profile}, with the environment over them and, when
     * {@code systemProperties}, the JVM's system properties over that (as the running service sees them).
     *
     * @throws IllegalArgumentException when a file cannot be read
     * @throws io.smallrye.config.ConfigValidationException when a key is unknown or a value cannot be converted
     */
    public static SmallRyeConfig read(List<Path> files, Map<String, String> environment, String profile,
                                      boolean systemProperties) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withMapping(CollectorConfig.class)
                .withValidateUnknown(true)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, ENVIRONMENT_ORDINAL));
        if (systemProperties) {
            builder.withSources(new SysPropConfigSource());
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the configuration file " + file.toAbsolutePath());
            }
            try {
                builder.withSources(new PropertiesConfigSource(file.toUri().toURL(), FILE_ORDINAL));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the configuration file " + file.toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /**
     * Each account's configuration as written, as a digest: equal digests mean an unchanged account. It covers the
     * account's own keys and the global keys every account takes (its connection budget, its trust store); the
     * values are hashed, so no secret is kept in the clear.
     */
    public static Map<String, String> accountDigests(Config config, Iterable<String> accounts) {
        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        Map<String, String> digests = new TreeMap<>();
        for (String account : accounts) {
            String quoted = account.contains(".") ? '"' + account + '"' : account;
            String own = CollectorConfig.PREFIX + ".accounts." + quoted + ".";
            StringBuilder written = new StringBuilder();
            names.stream().sorted()
                    .filter(name -> name.startsWith(own)
                            || name.equals(CollectorConfig.PREFIX + ".max-connections-per-account")
                            || name.startsWith(CollectorConfig.PREFIX + ".trust-store"))
                    .forEach(name -> written.append(name).append('=')
                            .append(config.getOptionalValue(name, String.class).orElse("")).append('\n'));
            digests.put(account, sha256(written.toString()));
        }
        return digests;
    }

    /** Hashes of the files' contents: a change in any of them changes the result. */
    public static String contentDigest(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(file).append('\n').append(sha256(Files.readString(file))).append('\n');
        }
        return sha256(all.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
