package io.vanishwatch.collector.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities an account trusts besides the JDK's own: a mail server with a certificate from a
 * company CA, or a self-signed one, is watched with full certificate and host-name checks instead of none. Read
 * once at start from a PEM file (one or more certificates) or a PKCS12 file.
 */
public final class TrustStore {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");

    private final Path file;
    private final List<X509Certificate> certificates;
    private final SSLSocketFactory socketFactory;

    private TrustStore(Path file, List<X509Certificate> certificates) throws GeneralSecurityException, IOException {
        this.file = file;
        this.certificates = List.copyOf(certificates);
        this.socketFactory = socketFactory(this.certificates);
    }

    /**
     * Reads the certificates of a PEM or PKCS12 file (told apart by their content).
     *
     * @param password the PKCS12 file's password (null: none); not needed for PEM
     * @throws IllegalArgumentException saying what is wrong with the file, without the password
     */
    public static TrustStore load(Path file, char[] password) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            List<X509Certificate> certificates = text.contains("-----BEGIN ") ? pem(file, text) : pkcs12(file, content,
                    password);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return new TrustStore(file, certificates);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot read the certificates of " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<X509Certificate> pem(Path file, String text) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM_CERTIFICATE.matcher(text);
        while (matcher.find()) {
            byte[] block = matcher.group().getBytes(StandardCharsets.ISO_8859_1);
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block)));
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " is PEM but holds no CERTIFICATE block (a key or a request?)");
        }
        return certificates;
    }

    private static List<X509Certificate> pkcs12(Path file, byte[] content, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(content)) {
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(file + " cannot be opened with the password given (a PKCS12"
                        + " file needs its trust-store-password)");
            }
            throw new IllegalArgumentException(file + " is neither PEM nor a PKCS12 file this password opens ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }

    /** The JDK's trusted authorities and this file's, for implicit TLS and STARTTLS alike. */
    private static SSLSocketFactory socketFactory(List<X509Certificate> certificates)
            throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        for (X509Certificate certificate : certificates) {
            anchors.setCertificateEntry("configured-" + n++, certificate);
        }
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate certificate : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("system-" + n++, certificate);
                }
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    public Path file() {
        return file;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Makes TLS connections that trust the JDK's authorities and this file's certificates. */
    public SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    @Override
    public String toString() {
        return file + " (" + certificates.size() + " certificate" + (certificates.size() == 1 ? ")" : "s)");
    }
}
