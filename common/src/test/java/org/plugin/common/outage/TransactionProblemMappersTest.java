package org.plugin.common.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.HttpHeaders;

import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;

class TransactionProblemMappersTest {

    @Test
    void aCommitThatLostItsConnectionIs503AndSaysTheChangeMayHaveBeenSaved() {
        HttpProblem problem = new TransactionProblemMappers.RolledBack()
                .toProblem(failedCommit(new RollbackException("ARJUNA016053: Could not commit transaction."),
                        new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(problem.getStatusCode()).isEqualTo(503);
        assertThat(problem.getHeaders()).containsEntry(HttpHeaders.RETRY_AFTER, Outages.RETRY_AFTER_SECONDS);
        assertThat(problem.getDetail()).contains("may or may not have been saved").contains("Idempotency-Key")
                .doesNotContain("nothing was changed");

        HttpProblem mixed = new TransactionProblemMappers.HeuristicMixed()
                .toProblem(failedCommit(new HeuristicMixedException("mixed"), new SQLException("I/O error", "08006")));
        assertThat(mixed.getStatusCode()).isEqualTo(503);
        assertThat(mixed.getDetail()).contains("may or may not have been saved");
    }

    @Test
    void aCommitTheDatabaseRefusedIsAnInternalErrorThatSaysNothingOfIt() {
        HttpProblem problem = new TransactionProblemMappers.RolledBack()
                .toProblem(failedCommit(new RollbackException("ARJUNA016053: Could not commit transaction."),
                        new SQLException("duplicate key value violates unique constraint \"secret_key\"", "23505")));
        assertThat(problem.getStatusCode()).isEqualTo(500);
        assertThat(problem.getDetail()).isEqualTo("An internal error occurred");
    }

    @Test
    void anOutageBeforeTheCommitStillSaysNothingWasChanged() {
        HttpProblem problem = new OutageProblemMapper()
                .toProblem(new PersistenceException(new SQLException("Connection refused", "08001")));
        assertThat(problem.getStatusCode()).isEqualTo(503);
        assertThat(problem.getDetail()).contains("nothing was changed");
    }

    /** As Narayana throws a failed commit: no cause, the connection's XAException (cause: the driver's error) suppressed in it. */
    private static <E extends Exception> E failedCommit(E commitFailure, SQLException driverError) {
        var xa = new XAException("Error trying to transactionCommit local transaction: ");
        xa.errorCode = XAException.XA_RBROLLBACK;
        xa.initCause(driverError);
        commitFailure.addSuppressed(xa);
        return commitFailure;
    }
}
