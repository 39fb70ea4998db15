package org.plugin.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void anUnreachableDatabaseIsAnOutageHoweverItIsWrapped() {
        assertThat(DatabaseOutage.isOutage(new JDBCConnectionException("Unable to open JDBC Connection",
                new SQLException("Connection to localhost:5432 refused", "08001")))).isTrue();
        // the pool's own timeout, wrapped by Hibernate and by a transaction
        var poolTimeout = new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection"));
        assertThat(DatabaseOutage.isOutage(new RuntimeException("commit failed", poolTimeout))).isTrue();
        // the server shutting down under an open connection, or still starting
        assertThat(DatabaseOutage.isOutage(new PersistenceException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new PersistenceException(new SQLException("the database system is starting up", "57P03")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotAnOutage() {
        assertThat(DatabaseOutage.isOutage(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "contributor_email_key"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new PersistenceException(new SQLException("value too long", "22001")))).isFalse();
        assertThat(DatabaseOutage.isOutage(new GenericJDBCException("failed", new SQLException("something else")))).isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalArgumentException("no cause"))).isFalse();
    }

    @Test
    void aCommitThatLostItsConnectionIsAnOutage() {
        // as Narayana throws it: no cause, the connection's XAException suppressed in it (Agroal's, whose
        // cause is the driver's error), wrapped by the transaction's interceptor
        var rollback = failedCommit(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(DatabaseOutage.isOutage(new RuntimeException(rollback))).isTrue();
        assertThat(DatabaseOutage.isOutage(failedCommit(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void aCommitTheDatabaseRefusedIsNotAnOutage() {
        // the same XA error code as a lost connection: only the driver's error tells them apart
        var rollback = failedCommit(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(DatabaseOutage.isOutage(new RuntimeException(rollback))).isFalse();
        assertThat(DatabaseOutage.isOutage(failedCommit(new SQLException("could not serialize access", "40001")))).isFalse();
    }

    @Test
    void onlyAnOutageInsideAFailedCommitStruckTheCommit() {
        var lostAtCommit = failedCommit(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(DatabaseOutage.struckTheCommit(new RuntimeException(lostAtCommit))).isTrue();
        // lost before the commit: the statement failed, nothing was committed
        assertThat(DatabaseOutage.struckTheCommit(new PersistenceException(new SQLException("terminating connection", "57P01")))).isFalse();
        // a commit refused by the database is no outage at all
        assertThat(DatabaseOutage.struckTheCommit(failedCommit(new SQLException("duplicate key", "23505")))).isFalse();
    }

    @Test
    void errorsThatReferToEachOtherAreReadOnce() {
        var first = new RuntimeException("first");
        var second = new IllegalStateException("second", first);
        first.addSuppressed(second);
        assertThat(DatabaseOutage.isOutage(first)).isFalse();
        var outage = new RuntimeException("outage", new SQLException("refused", "08001"));
        second.addSuppressed(outage);
        assertThat(DatabaseOutage.isOutage(first)).isTrue();
    }

    private static RollbackException failedCommit(SQLException driverError) {
        var commit = new XAException("Error trying to transactionCommit local transaction: ");
        commit.errorCode = XAException.XA_RBROLLBACK;
        commit.initCause(driverError);
        var rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);
        return rollback;
    }
}
