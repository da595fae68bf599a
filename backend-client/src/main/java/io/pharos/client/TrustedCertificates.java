package io.pharos.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import okhttp3.OkHttpClient;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Certificates a console trusts for one peer (its CA, or a self-signed agent's own), from a PEM file. */
public record TrustedCertificates(SSLSocketFactory socketFactory, X509TrustManager manager) {

    /** Makes {@code client} trust these certificates (and only these) for TLS. */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder client) {
        return client.sslSocketFactory(socketFactory, manager);
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no certificate */
    public static TrustedCertificates fromPem(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("The certificate file " + file + " cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The certificate file " + file + " holds no readable certificate"
                    + " (PEM, -----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("The certificate file " + file + " holds no certificate.");
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager manager = null;
            for (TrustManager m : tmf.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    manager = x;
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new TrustedCertificates(context.getSocketFactory(), manager);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("The certificates of " + file + " cannot be used: " + e.getMessage());
        }
    }
}
