package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.vanishwatch.launcher.Demo;
import io.vanishwatch.local.mail.ReceivedMail;
import org.junit.jupiter.api.Test;

/** The README's run command, on the in-JVM demo mail server, at a quicker pace. */
class DemoSystemTest {

    @Test
    void theDemoDeliversTheMotivatingAlertToTheSupportMailboxAndTheConsole() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        Demo.Pace quick = new Demo.Pace(Duration.ofMillis(700), Duration.ofMillis(500), Duration.ofSeconds(10));

        try (Demo demo = Demo.start(VanishwatchOnDovecot.home(), quick, Map.of(), out)) {
            ReceivedMail alertMail = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> demo.mailServer().inboxOf(Demo.SUPPORT_LOGIN).stream()
                            .filter(mail -> mail.subject().contains("client moves new mail to local storage"))
                            .findFirst(), found -> found.isPresent()).orElseThrow();

            assertThat(alertMail.subject()).contains("FIRING").contains(Demo.ACCOUNT);
            assertThat(alertMail.text()).contains("billing@parts-and-co.example");
            assertThat(demo.office().mac().localCopies()).isNotEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> console.toString(StandardCharsets.UTF_8)
                    .contains("CLIENT_MOVES_TO_LOCAL"));
            assertThat(demo.webhook().deliveries()).isNotEmpty();
        }
        System.out.print(console.toString(StandardCharsets.UTF_8));
    }
}
