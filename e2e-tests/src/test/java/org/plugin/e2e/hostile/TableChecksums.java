package org.plugin.e2e.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One checksum per table of the stack's three databases (md5 of every row as text, in order): two
 * snapshots are equal exactly when no row was added, removed or changed in between. Flyway's own
 * table is left out.
 */
final class TableChecksums implements AutoCloseable {

    static final List<String> DATABASES = List.of("contributor", "atom", "privacy");

    private final Map<String, Connection> connections = new TreeMap<>();
    private final Map<String, String> queries = new TreeMap<>();

    TableChecksums(String host, int port) throws SQLException {
        for (String db : DATABASES) {
            Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, db, db);
            c.setAutoCommit(true);
            connections.put(db, c);
            List<String> parts = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY 1")) {
                while (r.next()) {
                    String table = r.getString(1).replace("\"", "\"\"");
                    parts.add("SELECT '" + table.replace("'", "''") + "', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                            + " FROM \"" + table + "\" t");
                }
            }
            queries.put(db, String.join(" UNION ALL ", parts));
        }
    }

    /** database.table -> "rows:md5". */
    Map<String, String> snapshot() {
        Map<String, String> sums = new TreeMap<>();
        try {
            for (var e : connections.entrySet()) {
                if (queries.get(e.getKey()).isEmpty()) {
                    continue;
                }
                try (Statement s = e.getValue().createStatement(); ResultSet r = s.executeQuery(queries.get(e.getKey()))) {
                    while (r.next()) {
                        sums.put(e.getKey() + "." + r.getString(1), r.getLong(2) + ":" + r.getString(3));
                    }
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("table checksums failed", ex);
        }
        return sums;
    }

    /** The tables whose checksum differs between two snapshots. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> tables = new ArrayList<>();
        for (String t : after.keySet()) {
            if (!after.get(t).equals(before.get(t))) {
                tables.add(t);
            }
        }
        return tables;
    }

    @Override
    public void close() {
        for (Connection c : connections.values()) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }
}
