package org.plugin.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

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
}
