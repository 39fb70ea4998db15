package org.plugin.common.outage;

import jakarta.annotation.Priority;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.ext.Provider;

import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * A commit that failed, as {@code @Transactional} lets it out: the transaction manager's checked
 * exceptions, thrown as they are (not wrapped in a runtime exception), so {@link OutageProblemMapper}
 * never sees them. A commit that lost its database connection is the database's outage (503 with
 * Retry-After, saying the change may or may not have been saved); anything else a 500, as for any
 * unexpected error.
 */
public final class TransactionProblemMappers {

    private TransactionProblemMappers() {
    }

    /** The commit failed and the transaction was rolled back, as far as the transaction manager knows. */
    @Provider
    @Priority(1)
    public static class RolledBack extends ExceptionMapperBase<RollbackException> {
        @Override
        protected HttpProblem toProblem(RollbackException e) {
            return OutageProblemMapper.outageOrInternal(e);
        }
    }

    /** The commit's outcome is mixed. */
    @Provider
    @Priority(1)
    public static class HeuristicMixed extends ExceptionMapperBase<HeuristicMixedException> {
        @Override
        protected HttpProblem toProblem(HeuristicMixedException e) {
            return OutageProblemMapper.outageOrInternal(e);
        }
    }

    /** The commit was rolled back by a heuristic decision. */
    @Provider
    @Priority(1)
    public static class HeuristicRollback extends ExceptionMapperBase<HeuristicRollbackException> {
        @Override
        protected HttpProblem toProblem(HeuristicRollbackException e) {
            return OutageProblemMapper.outageOrInternal(e);
        }
    }
}
