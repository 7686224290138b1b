package io.vanishwatch.collector.config;

import java.util.Optional;

/**
 * One checked account: where its server is, how to log in, and which folders to follow.
 *
 * @param junkFolder  the configured Junk folder name, or empty to discover it
 * @param trashFolder the configured Trash folder name, or empty to discover it
 */
public record AccountSettings(String id, String host, int port, Security security, boolean verifyCertificates,
                              String username, Password password, String inboxFolder,
                              Optional<String> junkFolder, Optional<String> trashFolder) {

    /** How this account is named in log lines: {@code office (alice@127.0.0.1:143)}; never a secret. */
    public String describe() {
        return id + " (" + username + "@" + host + ":" + port + ")";
    }
}
