package io.pharos.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreReplacedListedAndDeletedAndSurviveReopening() {
        try (StateStore s = StateStore.open(dir)) {
            s.write(tx -> {
                tx.put("silence", "b", 1, "{\"v\":1}");
                tx.put("silence", "a", 2, "{\"v\":2}");
                tx.put("ack", "a", 3, "{}");
                return null;
            });
            s.write(tx -> {
                tx.put("silence", "b", 4, "{\"v\":3}");
                return null;
            });
            boolean first = s.write(tx -> tx.delete("ack", "a"));
            boolean second = s.write(tx -> tx.delete("ack", "a"));
            assertThat(first).isTrue();
            assertThat(second).isFalse();
        }
        try (StateStore s = StateStore.open(dir)) {
            List<StateStore.Record> silences = records(s, r -> r.list("silence"));
            assertThat(silences).extracting(StateStore.Record::key).containsExactly("a", "b");
            assertThat(silences.get(1).body()).isEqualTo("{\"v\":3}");
            assertThat(silences.get(1).updatedMs()).isEqualTo(4);
            assertThat(records(s, r -> r.get("ack", "a").stream().toList())).isEmpty();
        }
    }

    @Test
    void logsAreQueriedByTimeKeyAndSequence() {
        try (StateStore s = StateStore.open(dir)) {
            long first = s.write(tx -> tx.append("history", "cpu", 100, "pending"));
            s.write(tx -> tx.append("history", "mem", 150, "pending"));
            s.write(tx -> tx.append("history", "cpu", 200, "firing"));
            s.write(tx -> tx.append("other", "cpu", 120, "x"));
            assertThat(logs(s, r -> r.log("history", null, 0, 1000, 10))).extracting(StateStore.LogEntry::body)
                    .containsExactly("pending", "pending", "firing");
            assertThat(logs(s, r -> r.log("history", "cpu", 0, 1000, 10))).extracting(StateStore.LogEntry::ts)
                    .containsExactly(100L, 200L);
            assertThat(logs(s, r -> r.log("history", null, 150, 200, 10))).extracting(StateStore.LogEntry::key)
                    .containsExactly("mem");
            assertThat(logs(s, r -> r.logAfter("history", first, 1))).extracting(StateStore.LogEntry::key)
                    .containsExactly("mem");
        }
    }

    @Test
    void oldLogEntriesOfOneKindAreDeletedAndTheRestKept() {
        try (StateStore s = StateStore.open(dir)) {
            s.write(tx -> {
                tx.append("notify.log", "pager", 100, "old");
                tx.append("notify.log", "chat", 199, "old too");
                tx.append("notify.log", "pager", 200, "kept");
                tx.append("timeline", "INC-1", 50, "another kind");
                return null;
            });
            int removed = s.write(tx -> tx.deleteLog("notify.log", 200));
            assertThat(removed).isEqualTo(2);
            assertThat(logs(s, r -> r.log("notify.log", null, 0, Long.MAX_VALUE, 10))).extracting(StateStore.LogEntry::body)
                    .containsExactly("kept");
            assertThat(logs(s, r -> r.log("timeline", null, 0, Long.MAX_VALUE, 10))).hasSize(1);
            int again = s.write(tx -> tx.deleteLog("notify.log", 200));
            assertThat(again).isZero();
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try (StateStore s = StateStore.open(dir)) {
            assertThatThrownBy(() -> s.write(tx -> {
                tx.put("incident", "1", 1, "{}");
                tx.append("timeline", "1", 1, "created");
                throw new IllegalStateException("policy refused");
            })).hasMessage("policy refused");
            assertThat(records(s, r -> r.list("incident"))).isEmpty();
            assertThat(logs(s, r -> r.log("timeline", null, 0, 10, 10))).isEmpty();
        }
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedUntouched() throws Exception {
        Path file = dir.resolve(StateStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE t(x)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> StateStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a Pharos state file");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aNewerStateFileIsRefused() throws Exception {
        StateStore.open(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME))) {
            c.createStatement().execute("PRAGMA user_version=" + (StateStore.SCHEMA.latestVersion() + 1));
        }
        assertThatThrownBy(() -> StateStore.open(dir)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.NEWER_SCHEMA);
    }

    private static List<StateStore.LogEntry> logs(StateStore s, Function<StateStore.Reader, List<StateStore.LogEntry>> f) {
        return s.read(f);
    }

    private static List<StateStore.Record> records(StateStore s, Function<StateStore.Reader, List<StateStore.Record>> f) {
        return s.read(f);
    }
}
