package org.plugin.atom.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only: a write whose database connection is lost between its statement and its commit, as when
 * PostgreSQL stops under a request (the fault suite's window). The statement runs in the request's
 * transaction; another thread, outside it, terminates that transaction's backend and waits until it is
 * gone; the commit then meets a closed connection.
 */
@Path("/test/lost-commit")
public class LostCommitResource {

    @Inject
    EntityManager em;

    @Inject
    DataSource ds;

    @POST
    @PermitAll
    @Transactional
    @Operation(hidden = true)
    public String write() throws Exception {
        Number pid = (Number) em.createNativeQuery("SELECT pg_backend_pid()").getSingleResult();
        em.createNativeQuery("CREATE TEMP TABLE IF NOT EXISTS lost_commit (n int)").executeUpdate();
        em.createNativeQuery("INSERT INTO lost_commit VALUES (1)").executeUpdate();
        // another thread has no transaction: its connection is not the request's
        CompletableFuture.runAsync(() -> terminate(pid.intValue())).get();
        return "committed";
    }

    private void terminate(int pid) {
        try (Connection c = ds.getConnection();
                PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(?)");
                PreparedStatement alive = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            kill.setInt(1, pid);
            kill.execute();
            alive.setInt(1, pid);
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = alive.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("backend " + pid + " still alive");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
