package io.pharos.engine.incident;

/**
 * The result of walking an incident's timeline hash chain.
 *
 * @param intact         every entry is there, in order, unchanged
 * @param entriesChecked entries read (up to and including the first bad one)
 * @param firstBadIndex  the position of the first entry that does not verify, -1 when intact
 * @param firstBadSeq    the state file's log sequence number of that entry, -1 when intact or missing
 * @param problem        what is wrong with it, in words; empty when intact
 * @param headHash       the hash of the last entry that verified (64 zeros for none): write it down,
 *                       or keep the postmortem that quotes it, to prove later edits too
 */
public record ChainVerification(String incidentId, boolean intact, int entriesChecked, int firstBadIndex,
                                long firstBadSeq, String problem, String headHash) {

    static ChainVerification ok(String id, int checked, String head) {
        return new ChainVerification(id, true, checked, -1, -1, "", head);
    }

    static ChainVerification bad(String id, int checked, int index, long seq, String problem, String head) {
        return new ChainVerification(id, false, checked, index, seq, problem, head);
    }

    /** "INC-3: timeline intact, 12 entries" or "INC-3: entry 4 was changed ...". */
    public String describe() {
        return intact ? incidentId + ": timeline intact, " + entriesChecked + " entries, head " + headHash
                : incidentId + ": " + problem;
    }
}
