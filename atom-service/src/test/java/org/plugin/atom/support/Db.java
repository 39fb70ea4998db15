package org.plugin.atom.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Direct looks into the database, to prove what a request did (or did not) store. */
public final class Db {

    private Db() {
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Long> longs(DataSource ds, String sql, Object... params) {
        List<Long> values = new ArrayList<>();
        query(ds, sql, params, rs -> values.add(rs.getLong(1)));
        return values;
    }

    public static List<String> strings(DataSource ds, String sql, Object... params) {
        List<String> values = new ArrayList<>();
        query(ds, sql, params, rs -> values.add(rs.getString(1)));
        return values;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(DataSource ds, String sql, Object[] params, RowReader reader) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lock held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The catalog events of an Atom not dispatched yet. */
    public static long undispatched(DataSource ds, String atom) {
        return count(ds, "SELECT count(*) FROM catalog_event WHERE atom_name = ? AND dispatched_at IS NULL", atom);
    }

    /** Waits until every catalog event of the Atom is dispatched; fails after 10 s. */
    public static void awaitDispatched(DataSource ds, String atom) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (undispatched(ds, atom) > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("events of " + atom + " not dispatched within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Holds a session-level advisory lock on a connection of its own until closed (as another replica would). */
    public static Held advisoryLock(DataSource ds, long key) {
        return advisoryLock(ds, key, false);
    }

    /** The same, in shared mode when {@code shared} (as an erasure holds the catalog dispatcher's lock). */
    public static Held advisoryLock(DataSource ds, long key, boolean shared) {
        try {
            Connection c = ds.getConnection();
            try (PreparedStatement ps = c.prepareStatement(shared ? "SELECT pg_advisory_lock_shared(?)" : "SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            return () -> {
                try (c; PreparedStatement ps = c.prepareStatement(shared ? "SELECT pg_advisory_unlock_shared(?)" : "SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
