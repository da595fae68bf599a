package io.pharos.engine.snapshot;

import io.pharos.engine.store.SnapshotFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys and signatures of snapshots (docs/snapshots.md, "Signing"). A signature is over the
 * snapshot's digest, which covers its manifest and content; the file carries the signer's public key
 * so that a receiver sees which key signed, and checks it against a key it trusts. Keys are PEM
 * files as OpenSSL writes them (PKCS#8 private, X.509 public), the public one beside the private
 * one with ".pub" added. The JDK's own Ed25519: no library needed.
 */
public final class SnapshotKeys {
    private static final String MESSAGE_PREFIX = "pharos-snapshot-signature-v1\n";

    private SnapshotKeys() {
    }

    /** A key pair to sign with: the private key and its public key. */
    public record SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        /** A signature of the digest, as the snapshot file stores it. */
        public SnapshotFileWriter.Signature sign(String sha256) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(privateKey);
                s.update(message(sha256));
                return new SnapshotFileWriter.Signature(encode(publicKey), Base64.getEncoder().encodeToString(s.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        }

        public String fingerprint() {
            return SnapshotKeys.fingerprint(publicKey);
        }
    }

    /** What a signature says, checked. */
    public record Verdict(boolean valid, String fingerprint, boolean trusted) {
    }

    /** Makes a key pair and writes it: the private key readable by its owner only. */
    public static SigningKey generate(Path privateFile) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has Ed25519", e);
        }
        Path publicFile = publicFileOf(privateFile);
        for (Path p : new Path[] {privateFile, publicFile}) {
            if (Files.exists(p)) {
                throw new java.nio.file.FileAlreadyExistsException(p.toString());
            }
        }
        Files.createFile(privateFile);
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is private already
        }
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new SigningKey(pair.getPrivate(), pair.getPublic());
    }

    public static Path publicFileOf(Path privateFile) {
        return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    }

    /**
     * The private key in {@code file} and its public key (in the same file, or in FILE.pub); an
     * IllegalArgumentException says what is wrong: not a key, not Ed25519, the pair does not match.
     */
    public static SigningKey load(Path file) throws IOException {
        String text = readPem(file);
        byte[] priv = block(text, "PRIVATE KEY");
        if (priv == null) {
            throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] pub = block(text, "PUBLIC KEY");
        Path pubFile = publicFileOf(file);
        if (pub == null && Files.isRegularFile(pubFile)) {
            pub = block(readPem(pubFile), "PUBLIC KEY");
        }
        if (pub == null) {
            throw new IllegalArgumentException("No public key beside " + file + ": put it in " + pubFile
                    + " (openssl pkey -in " + file + " -pubout -out " + pubFile + ")");
        }
        SigningKey key;
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            key = new SigningKey(f.generatePrivate(new PKCS8EncodedKeySpec(priv)),
                    f.generatePublic(new X509EncodedKeySpec(pub)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 key pair (" + e.getMessage() + ")", e);
        }
        SnapshotFileWriter.Signature probe = key.sign("0".repeat(64));
        if (!check(probe, "0".repeat(64))) {
            throw new IllegalArgumentException("The public key in " + (block(text, "PUBLIC KEY") != null ? file : pubFile)
                    + " is not the one of the private key in " + file);
        }
        return key;
    }

    /** The public key in a PEM file (a receiver's trusted key). */
    public static PublicKey loadPublic(Path file) throws IOException {
        byte[] pub = block(readPem(file), "PUBLIC KEY");
        if (pub == null) {
            throw new IllegalArgumentException(file + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pub));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks a stored signature against the digest the file says it has (itself checked against the
     * content by {@link SnapshotInspection}); trusted when the signer is one of {@code trusted}.
     */
    public static Verdict verify(SnapshotFileWriter.Signature s, String sha256, Iterable<PublicKey> trusted) {
        PublicKey signer;
        try {
            signer = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(s.signer())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Verdict(false, "(not an Ed25519 key)", false);
        }
        boolean valid = check(s, sha256);
        boolean isTrusted = false;
        for (PublicKey t : trusted) {
            isTrusted |= MessageDigest.isEqual(t.getEncoded(), signer.getEncoded());
        }
        return new Verdict(valid, fingerprint(signer), valid && isTrusted);
    }

    private static boolean check(SnapshotFileWriter.Signature s, String sha256) {
        try {
            PublicKey signer = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(s.signer())));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(signer);
            v.update(message(sha256));
            return v.verify(Base64.getDecoder().decode(s.value()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** "SHA256:" and the first 16 bytes of the SHA-256 of the public key's encoding, in hexadecimal. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + HexFormat.ofDelimiter(":").formatHex(d, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key file's text, whatever it holds (a wrong file given for a key is told as such, below). */
    private static String readPem(Path file) throws IOException {
        if (Files.size(file) > 64 * 1024) {
            throw new IllegalArgumentException(file + " is too large to be a key");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static byte[] message(String sha256) {
        return (MESSAGE_PREFIX + sha256).getBytes(StandardCharsets.US_ASCII);
    }

    private static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] block(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b);
        if (b < 0 || e < 0) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
