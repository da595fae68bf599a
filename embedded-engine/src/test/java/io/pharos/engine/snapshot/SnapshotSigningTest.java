package io.pharos.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.SnapshotFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who made a snapshot: Ed25519 signatures over its digest, checked against keys the receiver trusts. */
class SnapshotSigningTest {
    private static final long T0 = 1_763_856_000_000L;

    @TempDir
    Path dir;
    private SnapshotKeys.SigningKey alice;
    private SnapshotKeys.SigningKey mallory;

    @BeforeEach
    void keys() throws Exception {
        alice = SnapshotKeys.generate(dir.resolve("alice.key"));
        mallory = SnapshotKeys.generate(dir.resolve("mallory.key"));
    }

    private Path snapshot(String name, SnapshotKeys.SigningKey key) {
        Path file = dir.resolve(name);
        try (SnapshotFileWriter w = SnapshotFileWriter.create(file)) {
            w.add(SeriesKey.of("up", "host", "h1"), new long[] {T0, T0 + 10_000}, new double[] {1, 0}, 2);
            w.addRecord("alert.silence", "s1", T0, "{\"comment\":\"maintenance\"}");
            w.content();
            w.commit("{\"format\":\"pharos-snapshot\",\"formatVersion\":1,\"createdAt\":\"2026-12-07T00:00:00Z\","
                    + "\"createdZone\":\"UTC\",\"fromMs\":" + T0 + ",\"toMs\":" + (T0 + 10_000) + ",\"resolutionMs\":0,"
                    + "\"sources\":[],\"content\":{\"series\":1,\"chunks\":1,\"samples\":2,\"rollups\":0,\"buckets\":0,"
                    + "\"records\":1,\"logs\":0}}", key == null ? null : key::sign);
        }
        return file;
    }

    private SnapshotInspection inspect(Path file, SnapshotKeys.SigningKey... trusted) {
        return SnapshotInspection.of(file, SnapshotFileReader.Limits.DEFAULT,
                java.util.Arrays.stream(trusted).map(SnapshotKeys.SigningKey::publicKey).toList());
    }

    @Test
    void aSignedSnapshotShowsItsSignerAndHoldsAgainstTheTrustedKey() throws Exception {
        Path file = snapshot("signed.pharos", alice);
        SnapshotInspection trusted = inspect(file, alice);
        assertThat(trusted.problems()).isEmpty();
        assertThat(trusted.signature()).hasValueSatisfying(v -> {
            assertThat(v.valid()).isTrue();
            assertThat(v.trusted()).isTrue();
            assertThat(v.fingerprint()).isEqualTo(alice.fingerprint()).startsWith("SHA256:");
        });
        // Without trusted keys: valid, its signer shown, no verdict on who that is.
        assertThat(inspect(file).signature()).hasValueSatisfying(v -> assertThat(v.trusted()).isFalse());
        assertThat(inspect(file).ok()).isTrue();
        // The public key loads back from its file as the receiver has it.
        assertThat(SnapshotKeys.loadPublic(SnapshotKeys.publicFileOf(dir.resolve("alice.key"))))
                .isEqualTo(alice.publicKey());
    }

    @Test
    void anotherSignerOrNoSignatureIsAProblemWhenATrustedKeyIsAskedFor() {
        assertThat(inspect(snapshot("mallory.pharos", mallory), alice).problems()).singleElement().asString()
                .contains("not among the trusted", mallory.fingerprint());
        assertThat(inspect(snapshot("unsigned.pharos", null), alice).problems()).singleElement().asString()
                .contains("Not signed");
        assertThat(inspect(snapshot("unsigned2.pharos", null)).ok()).isTrue();
    }

    @Test
    void changingTheFileAfterSigningIsFoundWhateverElseIsChanged() throws Exception {
        Path file = snapshot("tampered.pharos", alice);
        sql(file, "UPDATE record SET body = '{\"comment\":\"nothing to see\"}'");
        assertThat(inspect(file, alice).problems()).anySatisfy(p -> assertThat(p).contains("changed after export"));
        // The digest recomputed and stored too: now the signature, over the old digest, does not hold.
        String forged;
        try (SnapshotFileReader r = SnapshotFileReader.open(file)) {
            forged = r.verify().sha256();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("UPDATE manifest SET sha256 = ?")) {
            ps.setString(1, forged);
            ps.executeUpdate();
        }
        SnapshotInspection i = inspect(file, alice);
        assertThat(i.digestMatches()).isTrue();
        assertThat(i.problems()).singleElement().asString().contains("signature does not hold");
        // And re-signed by another key: valid, but not the trusted one.
        SnapshotFileWriter.Signature s = mallory.sign(forged);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("UPDATE manifest SET signer = ?, signature = ?")) {
            ps.setString(1, s.signer());
            ps.setString(2, s.value());
            ps.executeUpdate();
        }
        assertThat(inspect(file, alice).problems()).singleElement().asString().contains("not among the trusted");
    }

    @Test
    void aSignatureThatIsNotOneIsRefusedOrFailsItsCheck() throws Exception {
        Path file = snapshot("garbage.pharos", alice);
        sql(file, "UPDATE manifest SET signature = 'bm90IGEgc2lnbmF0dXJl'");
        assertThat(inspect(file).signature()).hasValueSatisfying(v -> assertThat(v.valid()).isFalse());
        sql(file, "UPDATE manifest SET signer = '%%%'");
        assertThat(inspect(file).problems()).anySatisfy(p -> assertThat(p).contains("signature does not hold"));
        sql(file, "UPDATE manifest SET signer = zeroblob(10)");
        assertThatThrownBy(() -> inspect(file)).hasMessageContaining("signature is not one Pharos writes");
    }

    @Test
    void keysAreCheckedWhenLoaded() throws Exception {
        Path key = dir.resolve("alice.key");
        assertThat(SnapshotKeys.load(key).publicKey()).isEqualTo(alice.publicKey());
        Path mixed = dir.resolve("mixed.key");
        Files.copy(key, mixed);
        Files.copy(SnapshotKeys.publicFileOf(dir.resolve("mallory.key")), SnapshotKeys.publicFileOf(mixed));
        assertThatThrownBy(() -> SnapshotKeys.load(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not the one of the private key");
        Path lonely = dir.resolve("lonely.key");
        Files.copy(key, lonely);
        assertThatThrownBy(() -> SnapshotKeys.load(lonely)).hasMessageContaining("No public key beside");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> SnapshotKeys.load(text)).hasMessageContaining("holds no PEM private key");
        assertThatThrownBy(() -> SnapshotKeys.generate(key)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void opensslKeysWork() throws Exception {
        Path key = dir.resolve("openssl.pem");
        Assumptions.assumeTrue(run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString()),
                "openssl is not installed");
        assertThat(run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", key + ".pub")).isTrue();
        SnapshotKeys.SigningKey k = SnapshotKeys.load(key);
        assertThat(inspect(snapshot("openssl.pharos", k), k).problems()).isEmpty();
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException notInstalled) {
            return false;
        }
    }

    private static void sql(Path file, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
