package io.vanishwatch.collector.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vanishwatch.local.mail.DovecotServer;

/**
 * A certificate authority made at test time with the JDK's {@code keytool}: it signs server certificates (valid,
 * expired, for another host) that a test Dovecot serves, and its certificate is what a trust store holds.
 */
public final class TestCertificateAuthority {

    private static final String STORE_PASSWORD = "test-ca-store";
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private final Path dir;
    private final Path caStore;
    private final Path caCertificate;

    private TestCertificateAuthority(Path dir, Path caStore, Path caCertificate) {
        this.dir = dir;
        this.caStore = caStore;
        this.caCertificate = caCertificate;
    }

    /** A new CA named {@code name}, its files under {@code dir}. */
    public static TestCertificateAuthority create(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "30");
        Path certificate = dir.resolve(name + ".pem");
        keytool("-exportcert", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-alias", "ca", "-rfc",
                "-file", certificate.toString());
        return new TestCertificateAuthority(dir, store, certificate);
    }

    /** The CA's certificate, PEM: a trust store with it trusts every server certificate it signed. */
    public Path certificatePem() {
        return caCertificate;
    }

    /** The CA's certificate in a PKCS12 trust store with {@code password}. */
    public Path certificatePkcs12(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            store.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        Path file = dir.resolve("trust-" + caCertificate.getFileName() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /**
     * A server certificate (with this CA's certificate after it) and its key, as Dovecot reads them.
     *
     * @param subjectAlternativeNames keytool's form: {@code ip:127.0.0.1,dns:localhost}
     * @param startDate               keytool's form ({@code -10d}: ten days ago), or null for now
     * @param validityDays            how many days from its start it is valid
     */
    public DovecotServer.Tls issue(String name, String subjectAlternativeNames, String startDate, int validityDays)
            throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD,
                "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name);
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-alias", name,
                "-file", request.toString());
        Path certificate = dir.resolve(name + ".crt");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", caStore.toString(), "-storepass",
                STORE_PASSWORD, "-alias", "ca", "-infile", request.toString(), "-outfile", certificate.toString(),
                "-rfc", "-ext", "san=" + subjectAlternativeNames, "-validity", Integer.toString(validityDays)));
        if (startDate != null) {
            gencert.add("-startdate");
            gencert.add(startDate);
        }
        keytool(gencert.toArray(String[]::new));
        Path chain = dir.resolve(name + "-chain.pem");
        Files.writeString(chain, Files.readString(certificate) + Files.readString(caCertificate));

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        Key key = keys.getKey(name, STORE_PASSWORD.toCharArray());
        Path keyFile = dir.resolve(name + ".key");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new DovecotServer.Tls(chain, keyFile);
    }


    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(KEYTOOL.toString());
        command.addAll(List.of(arguments));
        command.add("-noprompt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
