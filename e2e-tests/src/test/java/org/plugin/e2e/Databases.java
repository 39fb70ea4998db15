package org.plugin.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's three databases (deploy/local/up: one PostgreSQL cluster on PG_PORT, databases and roles
 * contributor, atom and privacy, password = name), searched row by row for a value, to prove that an
 * erased person is gone from every table.
 */
final class Databases {

    static final List<String> NAMES = List.of("contributor", "atom", "privacy");

    private Databases() {
    }

    /** {@code database.table} for every table with a row whose text holds {@code value} (any case). */
    static List<String> holding(String value) {
        String port = Stack.env("PG_PORT", "5433");
        List<String> found = new ArrayList<>();
        for (String db : NAMES) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, db, db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] { "TABLE" })) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT count(*) FROM public.\"" + table.replace("\"", "\"\"") + "\" t WHERE strpos(lower(t::text), lower(?)) > 0")) {
                        s.setString(1, value);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(db + "." + table);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot search database " + db + " on port " + port, e);
            }
        }
        return found;
    }
}
