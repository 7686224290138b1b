package io.vanishwatch.collector.watch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in front of an IMAP server as a slow server would (the greeting comes {@code greetingDelay} after the
 * connection), and counts, as the server sees them, the connections between their opening and the server's
 * {@code OK ... Logged in}: the logins in progress at once.
 */
final class SlowLoginProxy implements AutoCloseable {

    private final int targetPort;
    private final Duration greetingDelay;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final AtomicInteger loggedIn = new AtomicInteger();

    SlowLoginProxy(int targetPort, Duration greetingDelay) throws IOException {
        this.targetPort = targetPort;
        this.greetingDelay = greetingDelay;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        Thread accept = new Thread(this::acceptLoop, "slow-login-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The most connections that were between opening and logged in at the same time. */
    int maxLoginsInProgress() {
        return maxInProgress.get();
    }

    int loginsCompleted() {
        return loggedIn.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                Thread connection = new Thread(() -> relay(client), "slow-login-proxy");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        boolean[] counted = {true};
        try {
            Thread.sleep(greetingDelay.toMillis()); // the slow server: no greeting yet
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            Thread up = new Thread(() -> copy(client, upstream, null), "slow-login-proxy-up");
            up.setDaemon(true);
            up.start();
            copy(upstream, client, counted);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        } finally {
            endLogin(counted);
        }
    }

    /** Copies bytes; on the server's side, ends the login phase at the tagged {@code OK ... Logged in}. */
    private void copy(Socket from, Socket to, boolean[] counted) {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (counted != null && counted[0]) {
                    line.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    if (line.indexOf(" OK") >= 0 && line.indexOf("Logged in") >= 0) {
                        loggedIn.incrementAndGet();
                        endLogin(counted); // before the client can read it, so the client's next login is not early
                    } else if (line.length() > 65_536) {
                        line.delete(0, line.length() - 1024);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void endLogin(boolean[] counted) {
        synchronized (counted) {
            if (counted[0]) {
                counted[0] = false;
                inProgress.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(SlowLoginProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
