package io.pharos.engine.store;

import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The series of the store as one row (table {@code series_snapshot}), read at open instead of one
 * row per series: reading and parsing 24,000 label texts took a quarter to a half of a second of
 * every start. Its strings are written once each (a host name is in every series of that host).
 * <p>
 * Series rows are never deleted and their ids only grow, so a snapshot of the ids up to its
 * {@code max_id} stays true; series made after it are read from their rows. A snapshot that fails
 * its checksum, cannot be decoded or does not count as many series as the table up to its
 * {@code max_id} is not used: the rows are read, and the next write replaces it.
 * <p>
 * {@code data}: varint format (1); varint string count, then each string as varint byte length and
 * UTF-8; varint series count, then for each series: varint id minus the previous id (the first
 * minus -1), varint index of its metric, varint label count, then for each label (in name order) the
 * varint indexes of its name and value. {@code crc}: CRC-32C of {@code data}.
 */
final class SeriesSnapshot {
    static final int FORMAT = 1;

    /** Series in ascending id order: {@code ids[i]} is the id of {@code keys[i]}, for i below count. */
    record Series(int[] ids, SeriesKey[] keys, int count) {
        Series {
            if (count < 0 || count > ids.length || count > keys.length) {
                throw new IllegalArgumentException(count + " series in arrays of " + ids.length + " ids and "
                        + keys.length + " keys");
            }
        }

        int maxId() {
            return count == 0 ? 0 : ids[count - 1];
        }
    }

    private SeriesSnapshot() {
    }

    static byte[] encode(Series series) {
        Map<String, Integer> indexOf = new HashMap<>();
        ByteBuf strings = new ByteBuf(64 * 1024);
        ByteBuf body = new ByteBuf(16 * series.count() + 16);
        body.putVarint(series.count());
        int previous = -1; // so that an id 0 (possible in a store written by hand) is a delta of 1
        for (int i = 0; i < series.count(); i++) {
            SeriesKey key = series.keys()[i];
            int id = series.ids()[i];
            if (id <= previous) {
                throw new IllegalArgumentException("series ids must ascend: " + id + " after " + previous);
            }
            body.putVarint(id - previous);
            previous = id;
            body.putVarint(indexOf(key.metric(), indexOf, strings));
            Labels labels = key.labels();
            body.putVarint(labels.size());
            for (int j = 0; j < labels.size(); j++) {
                body.putVarint(indexOf(labels.name(j), indexOf, strings));
                body.putVarint(indexOf(labels.value(j), indexOf, strings));
            }
        }
        ByteBuf out = new ByteBuf(strings.size() + body.size() + 16);
        out.putVarint(FORMAT);
        out.putVarint(indexOf.size());
        out.put(strings.data, 0, strings.size());
        out.put(body.data, 0, body.size());
        return out.toArray();
    }

    private static int indexOf(String s, Map<String, Integer> indexOf, ByteBuf strings) {
        Integer known = indexOf.get(s);
        if (known != null) {
            return known;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        strings.putVarint(utf8.length);
        strings.put(utf8, 0, utf8.length);
        int index = indexOf.size();
        indexOf.put(s, index);
        return index;
    }

    /** The series in {@code data}; a damaged snapshot throws {@link IllegalArgumentException} saying why. */
    static Series decode(byte[] data) {
        try {
            ByteBuf in = ByteBuf.wrap(data);
            long format = in.getVarint();
            if (format != FORMAT) {
                throw new IllegalArgumentException("format " + format + ", this version reads " + FORMAT);
            }
            String[] strings = new String[count(in, data.length - in.pos)];
            for (int i = 0; i < strings.length; i++) {
                int length = count(in, data.length - in.pos);
                strings[i] = new String(data, in.pos, length, StandardCharsets.UTF_8);
                in.pos += length;
            }
            int count = count(in, data.length - in.pos);
            int[] ids = new int[count];
            SeriesKey[] keys = new SeriesKey[count];
            long id = -1;
            for (int i = 0; i < count; i++) {
                long delta = in.getVarint();
                id += delta;
                if (delta <= 0 || id > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("series ids do not ascend at series " + i);
                }
                ids[i] = (int) id;
                String metric = string(in, strings);
                String[] pairs = new String[2 * count(in, (data.length - in.pos) / 2)];
                for (int j = 0; j < pairs.length; j++) {
                    pairs[j] = string(in, strings);
                }
                keys[i] = new SeriesKey(metric, Labels.ofSortedPairs(pairs));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException((in.size - in.pos) + " bytes after the last series");
            }
            return new Series(ids, keys, count);
        } catch (CorruptChunkException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A count or length, at most {@code bound}: what a damaged varint cannot make into a huge array. */
    private static int count(ByteBuf in, int bound) {
        long n = in.getVarint();
        if (n < 0 || n > bound) {
            throw new IllegalArgumentException("a count of " + n + " where at most " + bound + " can follow");
        }
        return (int) n;
    }

    private static String string(ByteBuf in, String[] strings) {
        long index = in.getVarint();
        if (index < 0 || index >= strings.length) {
            throw new IllegalArgumentException("string " + index + " of " + strings.length);
        }
        return strings[(int) index];
    }

    /**
     * The snapshot in the store, checked against the series table; null when there is none or it
     * cannot be used ({@code problem} is told why, to be logged).
     */
    static Series read(Connection c, java.util.function.Consumer<String> problem) throws SQLException {
        long maxId;
        int count;
        byte[] data;
        long crc;
        try (PreparedStatement ps = c.prepareStatement("SELECT max_id, series, crc, data FROM series_snapshot");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            maxId = rs.getLong(1);
            count = rs.getInt(2);
            crc = rs.getLong(3);
            data = rs.getBytes(4);
        }
        if (data == null || WalCodec.crc(data) != crc) {
            problem.accept("the series snapshot fails its checksum");
            return null;
        }
        Series series;
        try {
            series = decode(data);
        } catch (IllegalArgumentException e) {
            problem.accept("the series snapshot cannot be read (" + e.getMessage() + ")");
            return null;
        }
        int rows = rowsUpTo(c, maxId);
        if (series.count() != count || series.maxId() != maxId || count != rows) {
            problem.accept("the series snapshot says " + count + " series up to id " + maxId + " and holds "
                    + series.count() + " up to id " + series.maxId() + "; the series table has " + rows);
            return null;
        }
        return series;
    }

    private static int rowsUpTo(Connection c, long maxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM series WHERE id <= ?")) {
            ps.setLong(1, maxId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Replaces the snapshot in the caller's transaction: it commits with the series rows it counts. */
    static void write(Connection c, Series series) throws SQLException {
        write(c, series, encode(series));
    }

    /** As {@link #write(Connection, Series)}, with {@code data} the series already encoded. */
    static void write(Connection c, Series series, byte[] data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series_snapshot(one, max_id, series, crc, data)"
                + " VALUES(1, ?, ?, ?, ?) ON CONFLICT(one) DO UPDATE SET max_id=excluded.max_id,"
                + " series=excluded.series, crc=excluded.crc, data=excluded.data")) {
            ps.setLong(1, series.maxId());
            ps.setInt(2, series.count());
            ps.setLong(3, WalCodec.crc(data));
            ps.setBytes(4, data);
            ps.executeUpdate();
        }
    }
}
