package io.pharos.engine.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The agent's TLS from a PKCS#12 key store (as {@code keytool} or {@code openssl pkcs12} write it). */
public final class AgentTls {
    private AgentTls() {
    }

    /**
     * The server context of the key store's key and certificate chain.
     *
     * @throws IllegalArgumentException with a message a person can act on: no such file, wrong password,
     *                                  not a key store, no key in it
     */
    public static SSLContext serverContext(Path keyStore, char[] password) {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The TLS key store " + keyStore + " does not exist.");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("The TLS key store " + keyStore
                        + " cannot be opened with the password given: check the password file.");
            }
            throw new IllegalArgumentException("The TLS key store " + keyStore + " cannot be read as PKCS#12 ("
                    + e.getMessage() + "). Make one with keytool -genkeypair -storetype PKCS12, or"
                    + " openssl pkcs12 -export.");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The TLS key store " + keyStore + " cannot be read: " + e.getMessage());
        }
        try {
            boolean hasKey = false;
            for (var aliases = ks.aliases(); aliases.hasMoreElements(); ) {
                hasKey |= ks.isKeyEntry(aliases.nextElement());
            }
            if (!hasKey) {
                throw new IllegalArgumentException("The TLS key store " + keyStore
                        + " holds no private key: the agent needs its key and certificate.");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The TLS key store " + keyStore + " cannot be used: " + e.getMessage());
        }
    }
}
