package io.vanishwatch.local.mail;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail's IMAP server as the demo needs it: connections may stay idle for RFC 3501's 30 minutes (GreenMail
 * cuts them after 30 seconds), and GreenMail's own race between sessions of one folder ends that one connection
 * quietly, as a real server's dropped connection would, instead of escaping as an uncaught exception.
 *
 * <p>The race (GreenMail 2.1.3 to 2.1.13): a session computing its untagged responses throws "Need to do this
 * properly..." when another session or an SMTP delivery changes the same folder at that instant. The client sees
 * its connection close; the collector resynchronises and the simulated devices retry, as they do on any server.
 */
final class DemoImapServer extends AbstractServer {

    /** RFC 3501, 5.4: an inactivity autologout timer must be at least 30 minutes. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private static final System.Logger LOG = System.getLogger(DemoImapServer.class.getName());

    private final AtomicLong droppedByRace = new AtomicLong();

    DemoImapServer(ServerSetup setup, Managers managers) {
        super(setup, managers);
        setClientSocketTimeout((int) IDLE_TIMEOUT.toMillis());
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
        return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), clientSocket) {
            @Override
            public void run() {
                try {
                    super.run();
                } catch (IllegalStateException e) {
                    droppedByRace.incrementAndGet();
                    LOG.log(System.Logger.Level.DEBUG, () -> "demo mail server dropped an IMAP connection: "
                            + rootMessage(e));
                }
            }
        };
    }

    /** How many connections GreenMail's handler gave up on so far. */
    long droppedConnections() {
        return droppedByRace.get();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
