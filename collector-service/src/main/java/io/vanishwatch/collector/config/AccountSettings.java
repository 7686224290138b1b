package io.vanishwatch.collector.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vanishwatch.collector.oauth.TokenLogin;
import io.vanishwatch.events.FolderRole;

/**
 * One checked account: where its server is, how to log in, how many connections its watch may hold, and which of
 * its folders not to watch.
 *
 * @param junkFolder     the configured Junk folder name, for servers without SPECIAL-USE
 * @param trashFolder    the configured Trash folder name, for servers without SPECIAL-USE
 * @param exclude        folders not to watch, full names with {@code *} as a wildcard
 * @param maxConnections the most IMAP connections the watch may hold (at least 1)
 * @param trustStore     certificates trusted besides the JDK's (the account's own, else the global one)
 * @param oauth2         the SASL mechanism and the source of the access tokens, when the account logs in with OAuth2
 *                       instead of a password (then {@code password} is null)
 */
public record AccountSettings(String id, String host, int port, Security security, boolean verifyCertificates,
                              String username, Password password, String inboxFolder,
                              Optional<String> junkFolder, Optional<String> trashFolder, List<String> exclude,
                              int maxConnections, Optional<TrustStore> trustStore, Optional<TokenLogin> oauth2) {

    public AccountSettings {
        exclude = List.copyOf(exclude);
    }

    /** An account that trusts only the JDK's certificate authorities. */
    public AccountSettings(String id, String host, int port, Security security, boolean verifyCertificates,
                           String username, Password password, String inboxFolder, Optional<String> junkFolder,
                           Optional<String> trashFolder, List<String> exclude, int maxConnections) {
        this(id, host, port, security, verifyCertificates, username, password, inboxFolder, junkFolder, trashFolder,
                exclude, maxConnections, Optional.empty(), Optional.empty());
    }

    /** This account trusting {@code store}'s certificates besides the JDK's. */
    public AccountSettings withTrustStore(Optional<TrustStore> store) {
        return new AccountSettings(id, host, port, security, verifyCertificates, username, password, inboxFolder,
                junkFolder, trashFolder, exclude, maxConnections, store, oauth2);
    }

    /** This account logging in with {@code login}'s mechanism and tokens, instead of its password. */
    public AccountSettings withOAuth2(TokenLogin login) {
        return new AccountSettings(id, host, port, security, verifyCertificates, username, null, inboxFolder,
                junkFolder, trashFolder, exclude, maxConnections, trustStore, Optional.of(login));
    }

    /** How this account is named in log lines: {@code office (alice@127.0.0.1:143)}; never a secret. */
    public String describe() {
        return id + " (" + username + "@" + host + ":" + port + ")";
    }

    /** The folder names the account gives to roles, for servers that do not mark them with SPECIAL-USE. */
    public Map<FolderRole, String> configuredRoles() {
        Map<FolderRole, String> roles = new EnumMap<>(FolderRole.class);
        junkFolder.ifPresent(name -> roles.put(FolderRole.JUNK, name));
        trashFolder.ifPresent(name -> roles.put(FolderRole.TRASH, name));
        return roles;
    }

    /** Whether the folder is excluded from watching; INBOX never is. */
    public boolean excludes(String folder) {
        if (folder.equalsIgnoreCase(inboxFolder)) {
            return false;
        }
        return exclude.stream().anyMatch(pattern -> glob(pattern).matcher(folder).matches());
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
