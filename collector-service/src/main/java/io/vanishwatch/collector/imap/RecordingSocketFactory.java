package io.vanishwatch.collector.imap;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory of one connection: makes its TLS sockets with the factory it wraps (the JDK's, or the trust
 * store's) and keeps the last one, so that the session can tell which TLS version and certificate it got.
 */
final class RecordingSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private volatile SSLSocket last;

    RecordingSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** The TLS version and server certificate of the last socket made, once its handshake is done. */
    Optional<TlsDetails> details() {
        SSLSocket socket = last;
        if (socket == null || socket.isClosed()) {
            return Optional.empty();
        }
        SSLSession session = socket.getSession();
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
                return Optional.empty();
            }
            return Optional.of(new TlsDetails(session.getProtocol(),
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    certificate.getNotAfter().toInstant()));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private Socket record(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            last = ssl;
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return record(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return record(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
        return record(delegate.createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return record(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return record(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return record(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return record(delegate.createSocket(address, port, localAddress, localPort));
    }
}
