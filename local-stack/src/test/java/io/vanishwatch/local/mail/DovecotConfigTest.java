package io.vanishwatch.local.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DovecotConfigTest {

    private static DovecotConfig config(boolean root, String user, String group) {
        return config(root, user, group, 0);
    }

    private static DovecotConfig config(boolean root, String user, String group, int pop3Port) {
        Path work = Path.of("/tmp/w");
        return new DovecotConfig("vanishwatch-1143", 1143, Path.of("/tmp/dovecot-x"), work.resolve("state"),
                work.resolve("dovecot.log"), work.resolve("users"), work.resolve("mail"), user, group, root, pop3Port);
    }

    @Test
    void shouldServePop3OnItsOwnLoopbackPortOnlyWhenGivenOne() {
        assertThat(config(true, "nobody", "nogroup", 1110).render()).contains("protocols = imap pop3\n",
                "service pop3-login {\n  inet_listener pop3 {\n    address = 127.0.0.1\n    port = 1110\n");
        assertThat(config(true, "nobody", "nogroup").render()).contains("protocols = imap\n")
                .doesNotContain("pop3");
    }

    @Test
    void shouldMakeRoomForManyConnectionsOnlyWhenAskedTo() {
        Path work = Path.of("/tmp/w");
        String many = new DovecotConfig("vanishwatch-1143", 1143, Path.of("/tmp/dovecot-x"), work.resolve("state"),
                work.resolve("dovecot.log"), work.resolve("users"), work.resolve("mail"), "nobody", "nogroup", true, 0,
                null, 0, null, null, 2050, java.time.Duration.ofSeconds(1)).render();

        assertThat(many).contains("default_client_limit = 4200\n", "service imap {\n  process_limit = 2150\n}\n",
                "mailbox_idle_check_interval = 1000 ms\n");
        assertThat(config(true, "nobody", "nogroup", 0).render()).doesNotContain("default_client_limit")
                .doesNotContain("mailbox_idle_check_interval")
                .doesNotContain("service imap {");
    }

    @Test
    void shouldOfferStarttlsAndImplicitTlsWithTheGivenCertificateOnlyWhenGivenOne() {
        Path work = Path.of("/tmp/w");
        String conf = new DovecotConfig("vanishwatch-1143", 1143, Path.of("/tmp/dovecot-x"), work.resolve("state"),
                work.resolve("dovecot.log"), work.resolve("users"), work.resolve("mail"), "nobody", "nogroup", true, 0,
                new DovecotServer.Tls(work.resolve("chain.pem"), work.resolve("key.pem")), 1993, null, null).render();

        assertThat(conf).contains("ssl = yes\n", "ssl_cert = </tmp/w/chain.pem\n", "ssl_key = </tmp/w/key.pem\n",
                "inet_listener imaps {\n    address = 127.0.0.1\n    port = 1993\n    ssl = yes\n  }\n")
                .doesNotContain("ssl = no");
    }

    @Test
    void shouldServeAnotherFolderTreeAndOAuth2LoginsWhenAskedTo() {
        Path work = Path.of("/tmp/w");
        java.util.Map<String, String> gmail = new java.util.LinkedHashMap<>();
        gmail.put("[Gmail]/All Mail", "\\All");
        gmail.put("Invoices", "");
        String conf = new DovecotConfig("vanishwatch-1143", 1143, Path.of("/tmp/dovecot-x"), work.resolve("state"),
                work.resolve("dovecot.log"), work.resolve("users"), work.resolve("mail"), "nobody", "nogroup", true, 0,
                null, 0, work.resolve("oauth2.conf.ext"), gmail).render();

        assertThat(conf).contains("  mailbox \"[Gmail]/All Mail\" {\n    special_use = \\All\n    auto = subscribe\n",
                "  mailbox \"Invoices\" {\n    auto = subscribe\n",
                "auth_mechanisms = plain login xoauth2 oauthbearer\n",
                "  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = /tmp/w/oauth2.conf.ext\n")
                .doesNotContain("mailbox Junk");
        assertThat(DovecotConfig.renderOAuth2("http://127.0.0.1:8099/introspect"))
                .contains("introspection_mode = post\n", "introspection_url = http://127.0.0.1:8099/introspect\n");
    }

    @Test
    void shouldKeepEveryInstanceInItsOwnDirectoriesOnItsOwnLoopbackPort() {
        String conf = config(true, "nobody", "nogroup").render();

        assertThat(conf).contains("instance_name = vanishwatch-1143\n", "base_dir = /tmp/dovecot-x\n",
                "state_dir = /tmp/w/state\n", "log_path = /tmp/w/dovecot.log\n", "listen = 127.0.0.1\n",
                "    address = 127.0.0.1\n    port = 1143\n", "ssl = no\n", "disable_plaintext_auth = no\n",
                "mail_max_userip_connections = 30\n");
    }

    @Test
    void shouldRecordWhoRemovedWhatInTheLog() {
        String conf = config(true, "nobody", "nogroup").render();

        assertThat(conf).contains("mail_plugins = $mail_plugins mail_log notify\n", "imap_id_log = *\n",
                "session=<%{session}>", "mail_log_prefix = \"%s(%u)<%{pid}><%{session}> rip=%r: \"\n",
                "mail_log_events = delete undelete expunge copy", "mail_log_fields = uid box msgid size from subject flags");
    }

    @Test
    void shouldRunMailAsNobodyWhenStartedByRoot() {
        String conf = config(true, "nobody", "nogroup").render();

        assertThat(conf).contains("args = uid=nobody gid=nogroup home=/tmp/w/mail/%u\n")
                .doesNotContain("default_internal_user", "chroot =");
    }

    @Test
    void shouldRunEverythingAsTheCallerWhenNotRoot() {
        String conf = config(false, "ci", "ci").render();

        assertThat(conf).contains("default_internal_user = ci\n", "default_login_user = ci\n",
                "args = uid=ci gid=ci home=/tmp/w/mail/%u\n", "service imap-login {", "service anvil {");
        assertThat(conf.split("chroot =\n", -1)).hasSize(3);
    }

    @Test
    void shouldSayHowToInstallDovecotWhenItIsMissing() {
        assertThat(DovecotServer.notInstalledMessage()).contains("/usr/sbin/dovecot", "apt-get install dovecot-imapd");
    }
}
