package io.vanishwatch.local.mail;

import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration file of one private Dovecot instance: its own directories, passwd-file users, maildir,
 * special-use Junk, Trash, Archive, Sent and All Mail, plaintext on loopback, and the mail_log settings that record who removed what.
 * POP3 is served too when {@code pop3Port} is not 0 (Debian's dovecot-pop3d installed).
 */
record DovecotConfig(String instanceName, int port, Path baseDir, Path stateDir, Path logFile, Path usersFile,
                     Path mailDir, String mailUser, String mailGroup, boolean runsAsRoot, int pop3Port,
                     DovecotServer.Tls tls, int imapsPort, Path oauth2ConfigFile, Map<String, String> mailboxes,
                     int connections, java.time.Duration idleCheckInterval) {

    static final int MAX_CONNECTIONS_PER_USER_AND_IP = 30;

    /** Without TLS: plaintext IMAP (and POP3) only. */
    DovecotConfig(String instanceName, int port, Path baseDir, Path stateDir, Path logFile, Path usersFile,
                  Path mailDir, String mailUser, String mailGroup, boolean runsAsRoot, int pop3Port) {
        this(instanceName, port, baseDir, stateDir, logFile, usersFile, mailDir, mailUser, mailGroup, runsAsRoot,
                pop3Port, null, 0, null, null, 0, null);
    }

    /** Dovecot's default process and client limits (about a thousand IMAP connections). */
    DovecotConfig(String instanceName, int port, Path baseDir, Path stateDir, Path logFile, Path usersFile,
                  Path mailDir, String mailUser, String mailGroup, boolean runsAsRoot, int pop3Port,
                  DovecotServer.Tls tls, int imapsPort, Path oauth2ConfigFile, Map<String, String> mailboxes) {
        this(instanceName, port, baseDir, stateDir, logFile, usersFile, mailDir, mailUser, mailGroup, runsAsRoot,
                pop3Port, tls, imapsPort, oauth2ConfigFile, mailboxes, 0, null);
    }

    /**
     * The oauth2 passdb's own file: every XOAUTH2/OAUTHBEARER token is POSTed to {@code introspectionUrl} (RFC 7662
     * style), which answers {@code {"active": true, "username": "..."}} for a token it accepts.
     */
    static String renderOAuth2(String introspectionUrl) {
        return "introspection_mode = post\n"
                + "introspection_url = " + introspectionUrl + "\n"
                + "force_introspection = yes\n"
                + "username_attribute = username\n"
                + "active_attribute = active\n"
                + "active_value = true\n";
    }

    String render() {
        StringBuilder conf = new StringBuilder();
        conf.append("# Written by Vanishwatch's DovecotServer for a private test instance.\n");
        conf.append(pop3Port == 0 ? "protocols = imap\n" : "protocols = imap pop3\n");
        conf.append("listen = 127.0.0.1\n");
        conf.append("instance_name = ").append(instanceName).append('\n');
        conf.append("base_dir = ").append(baseDir).append('\n');
        conf.append("state_dir = ").append(stateDir).append('\n');
        conf.append("log_path = ").append(logFile).append('\n');
        conf.append("info_log_path = ").append(logFile).append('\n');
        if (tls == null) {
            conf.append("ssl = no\n");
        } else {
            // STARTTLS on the IMAP port, implicit TLS on imapsPort; plaintext logins stay allowed for the other tests
            conf.append("ssl = yes\n");
            conf.append("ssl_cert = <").append(tls.certificateChain()).append('\n');
            conf.append("ssl_key = <").append(tls.privateKey()).append('\n');
        }
        conf.append("disable_plaintext_auth = no\n");
        conf.append(oauth2ConfigFile == null ? "auth_mechanisms = plain login\n"
                : "auth_mechanisms = plain login xoauth2 oauthbearer\n");
        conf.append("auth_failure_delay = 0\n");
        conf.append("first_valid_uid = 1\n");
        conf.append("postmaster_address = postmaster@vanishwatch.test\n");
        conf.append("mail_location = maildir:~/Maildir\n");
        conf.append("mail_max_userip_connections = ").append(MAX_CONNECTIONS_PER_USER_AND_IP).append('\n');
        conf.append("mail_plugins = $mail_plugins mail_log notify\n");
        conf.append("imap_id_log = *\n");
        conf.append("login_log_format_elements = user=<%u> method=%m rip=%r rport=%b lip=%l mpid=%e %c session=<%{session}>\n");
        conf.append("mail_log_prefix = \"%s(%u)<%{pid}><%{session}> rip=%r: \"\n");
        if (!runsAsRoot) {
            conf.append("default_internal_user = ").append(mailUser).append('\n');
            conf.append("default_internal_group = ").append(mailGroup).append('\n');
            conf.append("default_login_user = ").append(mailUser).append('\n');
        }
        if (oauth2ConfigFile != null) {
            conf.append("passdb {\n");
            conf.append("  driver = oauth2\n");
            conf.append("  mechanisms = xoauth2 oauthbearer\n");
            conf.append("  args = ").append(oauth2ConfigFile).append('\n');
            conf.append("}\n");
        }
        conf.append("passdb {\n");
        conf.append("  driver = passwd-file\n");
        if (oauth2ConfigFile != null) {
            conf.append("  mechanisms = plain login\n");
        }
        conf.append("  args = scheme=PLAIN username_format=%u ").append(usersFile).append('\n');
        conf.append("}\n");
        conf.append("userdb {\n");
        conf.append("  driver = static\n");
        conf.append("  args = uid=").append(mailUser).append(" gid=").append(mailGroup)
                .append(" home=").append(mailDir).append("/%u\n");
        conf.append("}\n");
        conf.append("namespace inbox {\n");
        conf.append("  inbox = yes\n");
        conf.append("  separator = /\n");
        if (mailboxes == null) {
            conf.append("  mailbox Junk {\n    special_use = \\Junk\n    auto = subscribe\n  }\n");
            conf.append("  mailbox Trash {\n    special_use = \\Trash\n    auto = subscribe\n  }\n");
            conf.append("  mailbox Archive {\n    special_use = \\Archive\n    auto = subscribe\n  }\n");
            conf.append("  mailbox Sent {\n    special_use = \\Sent\n    auto = subscribe\n  }\n");
            // Gmail keeps every message in All Mail too; an account whose mail source copies there behaves the same
            conf.append("  mailbox \"All Mail\" {\n    special_use = \\All\n    auto = subscribe\n  }\n");
        } else {
            mailboxes.forEach((name, specialUse) -> {
                conf.append("  mailbox \"").append(name).append("\" {\n");
                if (!specialUse.isEmpty()) {
                    conf.append("    special_use = ").append(specialUse).append('\n');
                }
                conf.append("    auto = subscribe\n  }\n");
            });
        }
        conf.append("}\n");
        if (idleCheckInterval != null) {
            // how often an IDLE looks for changes itself where inotify is not available (e.g. past
            // fs.inotify.max_user_instances, 128 by default, for all the imap processes of one uid)
            conf.append("mailbox_idle_check_interval = ").append(idleCheckInterval.toMillis()).append(" ms\n");
        }
        if (connections > 0) {
            // one imap process per connection, and each of them a client of the log, anvil and config services
            conf.append("default_client_limit = ").append(2 * connections + 100).append('\n');
            conf.append("service imap {\n  process_limit = ").append(connections + 100).append("\n}\n");
        }
        conf.append("service imap-login {\n");
        conf.append("  inet_listener imap {\n    address = 127.0.0.1\n    port = ").append(port).append("\n  }\n");
        if (tls == null) {
            conf.append("  inet_listener imaps {\n    port = 0\n  }\n");
        } else {
            conf.append("  inet_listener imaps {\n    address = 127.0.0.1\n    port = ").append(imapsPort)
                    .append("\n    ssl = yes\n  }\n");
        }
        if (!runsAsRoot) {
            conf.append("  chroot =\n");
        }
        conf.append("}\n");
        if (pop3Port != 0) {
            conf.append("service pop3-login {\n");
            conf.append("  inet_listener pop3 {\n    address = 127.0.0.1\n    port = ").append(pop3Port).append("\n  }\n");
            conf.append("  inet_listener pop3s {\n    port = 0\n  }\n");
            if (!runsAsRoot) {
                conf.append("  chroot =\n");
            }
            conf.append("}\n");
        }
        // Tests log in with wrong passwords on purpose: no 2 s reply delay, and no growing per-IP penalty that
        // would slow every later login from 127.0.0.1.
        conf.append("service anvil {\n");
        conf.append("  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n");
        if (!runsAsRoot) {
            conf.append("  chroot =\n");
        }
        conf.append("}\n");
        conf.append("plugin {\n");
        conf.append("  mail_log_events = delete undelete expunge copy mailbox_delete mailbox_rename flag_change save mailbox_create\n");
        conf.append("  mail_log_fields = uid box msgid size from subject flags\n");
        conf.append("}\n");
        return conf.toString();
    }
}
