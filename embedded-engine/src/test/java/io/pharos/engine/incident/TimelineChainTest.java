package io.pharos.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline's hash chain detects every edit of history made directly in state.db: a changed body,
 * a deleted entry (in the middle or at the end), reordered entries, a changed time, and a rewritten
 * entry whose own hash was recomputed. The edits use SQL on the file, as someone with the file would.
 */
class TimelineChainTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-05T14:00:00Z"));

    @BeforeEach
    void writeAnIncident() {
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
            incidents.create("CPU saturation in us-east-1", Severity.SEV2, "ana");
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(1));
                incidents.addNote("INC-1", "ana", "note " + i + ": CPU at 9" + i + " %");
            }
            incidents.create("unrelated", Severity.SEV4, "bob");
            incidents.addNote("INC-2", "bob", "other incident");
        }
    }

    @Test
    void anUntouchedTimelineVerifies() {
        ChainVerification v = verify("INC-1");
        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(6);
        assertThat(v.firstBadIndex()).isEqualTo(-1);
        assertThat(v.headHash()).hasSize(64).isNotEqualTo(CanonicalJson.GENESIS);
        assertThat(v.describe()).startsWith("INC-1: timeline intact, 6 entries");
    }

    @Test
    void anEditedBodyIsDetectedAtThatEntry() throws Exception {
        List<Long> seqs = seqs("INC-1");
        sql("UPDATE log SET body = replace(body, 'CPU at 92', 'CPU at 42') WHERE seq = ?", seqs.get(3));
        ChainVerification v = verify("INC-1");
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadIndex()).isEqualTo(3);
        assertThat(v.firstBadSeq()).isEqualTo(seqs.get(3));
        assertThat(v.problem()).isEqualTo("entry 3 was changed after it was written: its content does not match its hash");
        assertThat(verify("INC-2").intact()).as("other incidents are not affected").isTrue();
    }

    @Test
    void aChangedActorIsDetected() throws Exception {
        sql("UPDATE log SET body = replace(body, '\"actor\":\"ana\"', '\"actor\":\"eve\"') WHERE seq = ?", seqs("INC-1").get(0));
        assertThat(verify("INC-1").firstBadIndex()).isZero();
    }

    @Test
    void aDeletedEntryIsDetected() throws Exception {
        sql("DELETE FROM log WHERE seq = ?", seqs("INC-1").get(2));
        ChainVerification v = verify("INC-1");
        assertThat(v.firstBadIndex()).isEqualTo(2);
        assertThat(v.problem()).isEqualTo("entry 2 is missing: the next stored entry is 3 (entries were deleted)");
    }

    @Test
    void deletedEntriesAtTheEndAreDetected() throws Exception {
        List<Long> seqs = seqs("INC-1");
        sql("DELETE FROM log WHERE seq = ?", seqs.get(5));
        ChainVerification v = verify("INC-1");
        assertThat(v.firstBadIndex()).isEqualTo(5);
        assertThat(v.problem()).contains("entry 5 is missing").contains("records 6");
    }

    @Test
    void reorderedEntriesAreDetected() throws Exception {
        List<Long> seqs = seqs("INC-1");
        String b1 = body(seqs.get(1));
        String b2 = body(seqs.get(2));
        sql("UPDATE log SET body = ? WHERE seq = ?", b2, seqs.get(1));
        sql("UPDATE log SET body = ? WHERE seq = ?", b1, seqs.get(2));
        ChainVerification v = verify("INC-1");
        assertThat(v.firstBadIndex()).isEqualTo(1);
        assertThat(v.problem()).contains("entry 1 is missing");
    }

    @Test
    void aRewrittenEntryWithARecomputedHashBreaksTheNextLink() throws Exception {
        List<Long> seqs = seqs("INC-1");
        ObjectNode body = (ObjectNode) IncidentJson.parse(body(seqs.get(2)));
        ((ObjectNode) body.get("entry")).put("text", "nothing happened");
        body.put("hash", CanonicalJson.chainHash(body.get("prev").asText(), CanonicalJson.write(body.get("entry"))));
        sql("UPDATE log SET body = ? WHERE seq = ?", IncidentJson.text(body), seqs.get(2));
        ChainVerification v = verify("INC-1");
        assertThat(v.firstBadIndex()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo("entry 3 does not follow entry 2 (its previous hash differs): entry 2 was"
                + " rewritten, or entries were reordered");
    }

    @Test
    void aChangedTimeColumnIsDetected() throws Exception {
        sql("UPDATE log SET ts = ts - 3600000 WHERE seq = ?", seqs("INC-1").get(4));
        assertThat(verify("INC-1").firstBadIndex()).isEqualTo(4);
    }

    @Test
    void canonicalJsonIsStableThroughStorage() {
        ObjectNode data = IncidentJson.object();
        data.put("z", 0.1).put("a", 3).put("big", 1.0e20).put("neg", -2.5e-7).put("text", "ünïcødé \"q\" \\ \n\t\u0001 ✓");
        data.putArray("list").add(1).add(2.0).addObject().put("y", true).putNull("x");
        String canonical = CanonicalJson.write(data);
        JsonNode back = IncidentJson.parse(IncidentJson.text(data));
        assertThat(CanonicalJson.write(back)).isEqualTo(canonical);
        assertThat(canonical).startsWith("{\"a\":3,\"big\":1.0E20,\"list\":[1,2.0,{\"x\":null,\"y\":true}],");
        assertThat(canonical).contains("\\\"q\\\" \\\\ \\u000a\\u0009\\u0001 ✓");
    }

    private ChainVerification verify(String id) {
        try (StateStore store = StateStore.open(dir)) {
            return new IncidentService(store, clock, IncidentPolicy.defaults()).verify(id);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
    }

    private List<Long> seqs(String incident) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM log WHERE kind = ? AND key = ? ORDER BY seq")) {
            ps.setString(1, IncidentService.TIMELINE_KIND);
            ps.setString(2, incident);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private String body(long seq) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT body FROM log WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).as(statement).isEqualTo(1);
        }
    }
}
