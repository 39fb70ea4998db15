package org.plugin.contributor.repository;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import org.plugin.common.persistence.UniqueViolations;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class ContributorRepository implements PanacheRepositoryBase<Contributor, UUID> {

    /** A contributor's values that no two rows share, each held by a unique index (V1 migration). */
    public enum UniqueValue {
        SUBJECT("contributor_subject_uk"), ACCOUNT_NAME("contributor_account_name_uk"), EMAIL("contributor_email_uk");

        private final String index;

        UniqueValue(String index) {
            this.index = index;
        }
    }

    /**
     * A write that a unique index refused: a concurrent writer stored the same value first. The
     * pre-checks give clear answers in the common case; the indexes decide races, and the service
     * answers the loser of a race as its pre-check would have.
     */
    public static final class ValueTakenException extends RuntimeException {

        private final UniqueValue value;

        public ValueTakenException(UniqueValue value, Throwable cause) {
            super(value + " taken", cause, false, false);
            this.value = value;
        }

        public UniqueValue value() {
            return value;
        }
    }

    /** Stores a new contributor at once; a value taken meanwhile is a {@link ValueTakenException}. */
    public void insert(Contributor contributor) {
        refusingTakenValues(() -> persistAndFlush(contributor));
    }

    /** Writes the changes made to loaded contributors at once; a value taken meanwhile is a {@link ValueTakenException}. */
    public void flushChanges() {
        refusingTakenValues(this::flush);
    }

    private static void refusingTakenValues(Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
            String constraint = UniqueViolations.violatedConstraint(e).map(name -> name.toLowerCase(Locale.ROOT)).orElse(null);
            for (UniqueValue value : UniqueValue.values()) {
                if (constraint != null && constraint.contains(value.index)) {
                    throw new ValueTakenException(value, e);
                }
            }
            throw e;
        }
    }

    /** Whether another contributor than {@code except} (null: any contributor) has this email, in any case. */
    public boolean emailTaken(String email, UUID except) {
        return except == null
                ? count("lower(email) = lower(?1)", email) > 0
                : count("lower(email) = lower(?1) and id <> ?2", email, except) > 0;
    }

    /** Any case; a string that cannot be an account name finds nothing without reaching the database. */
    public Optional<Contributor> findByAccountName(String accountName) {
        if (!couldBeAccountName(accountName)) {
            return Optional.empty();
        }
        return find(BY_ACCOUNT_NAME, lowerCase(accountName)).firstResultOptional();
    }

    public Optional<Contributor> findBySubject(String subject) {
        if (!couldBeSubject(subject)) {
            return Optional.empty();
        }
        return find("subject", subject).firstResultOptional();
    }

    /**
     * Any case, the row locked in share mode: an admin's read that records an email read. An erasure
     * (which locks the row for update) then runs entirely before or after the read, so the read never
     * returns the email of a contributor being erased, nor leaves an email-read row behind the erasure.
     */
    public Optional<Contributor> findByAccountNameForShare(String accountName) {
        if (!couldBeAccountName(accountName)) {
            return Optional.empty();
        }
        return find(BY_ACCOUNT_NAME, lowerCase(accountName)).withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
    }

    /** The row locked for update, so concurrent changes of one contributor run one after the other. */
    public Optional<Contributor> lockById(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Contributor> lockBySubject(String subject) {
        if (!couldBeSubject(subject)) {
            return Optional.empty();
        }
        return find("subject", subject).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Contributor> lockByAccountName(String accountName) {
        if (!couldBeAccountName(accountName)) {
            return Optional.empty();
        }
        return find(BY_ACCOUNT_NAME, lowerCase(accountName)).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * The lookup by account name, in any case: the name is lowered here, not in the query. Hibernate
     * reuses a query's SQL only when none of its parameters may take a list of values, and a parameter
     * passed to a function ({@code lower(?1)}) may; such a query was translated to SQL again on every
     * call (18 % of contributor-service's CPU under the public-view load, deploy/bench/RESULTS.md).
     * Account names are ASCII, whose lower case is the same in Java and PostgreSQL.
     */
    private static final String BY_ACCOUNT_NAME = "lower(accountName) = ?1";

    private static String lowerCase(String accountName) {
        return accountName.toLowerCase(Locale.ROOT);
    }

    /** The advisory-lock namespace of contributor-service's unique values ("cont"). */
    private static final int UNIQUE_VALUE_LOCKS = 0x636f6e74;

    /**
     * Takes, until the transaction ends, a lock on each unique value a write is about to claim
     * ({@code account:x}, {@code email:x}, {@code subject:x}, already lowercased where uniqueness
     * ignores case), in a fixed order so two writers never wait on each other in a cycle. Writers of
     * the same value then run one after the other, so the pre-check that follows sees the other's
     * committed row and answers 409 itself. The unique indexes stay the last line of defence, but no
     * longer fire in an ordinary race: PostgreSQL logs a unique violation with the duplicated value,
     * an email for instance, in its server log.
     */
    public void lockUniqueValues(Collection<String> keys) {
        keys.stream().distinct().sorted().forEach(key -> getEntityManager()
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(:namespace, hashtext(:key))")
                .setParameter("namespace", UNIQUE_VALUE_LOCKS).setParameter("key", key)
                .getSingleResult());
    }

    public List<Contributor> findByIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /**
     * One page of the directory: contributors of {@code status} whose account name, or (when
     * {@code searchPersonalFields}) names and email, contain {@code search} ignoring case. The names
     * of restricted contributors are never searched for non-admins: their data is only stored. For
     * admins, whose reads are recorded, the rows are locked in share mode (see {@link #findByAccountNameForShare}).
     */
    public List<Contributor> directory(Contributor.Status status, String search, boolean admin, int offset, int limit) {
        var where = directoryWhere(status, search, admin);
        var query = find(where.query() + " order by accountName nulls last, id", where.params());
        if (admin) {
            query = query.withLock(LockModeType.PESSIMISTIC_READ);
        }
        return query.range(offset, offset + limit - 1).list();
    }

    public long countDirectory(Contributor.Status status, String search, boolean admin) {
        var where = directoryWhere(status, search, admin);
        return count(where.query(), where.params());
    }

    private record Where(String query, Parameters params) {
    }

    private static Where directoryWhere(Contributor.Status status, String search, boolean admin) {
        var params = Parameters.with("status", status);
        if (search == null || search.isBlank()) {
            return new Where("status = :status", params);
        }
        params.and("pattern", "%" + escapeLike(search.strip().toLowerCase(Locale.ROOT)) + "%");
        String names = "lower(firstName) like :pattern escape '\\' or lower(lastName) like :pattern escape '\\'";
        String byName = admin
                ? " or " + names + " or lower(email) like :pattern escape '\\'"
                : " or (restricted = false and (" + names + "))";
        return new Where("status = :status and (lower(accountName) like :pattern escape '\\'" + byName + ")", params);
    }

    private static final Pattern ACCOUNT_NAME_ANY_CASE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{1,30}[A-Za-z0-9]$");

    /** Account names are 3-32 letters, digits and hyphens; anything else (markup, NUL bytes...) is not one. */
    static boolean couldBeAccountName(String value) {
        return value != null && ACCOUNT_NAME_ANY_CASE.matcher(value).matches();
    }

    /** Token subjects are at most 255 characters, without NUL (which PostgreSQL text cannot hold). */
    public static boolean couldBeSubject(String value) {
        return value != null && !value.isEmpty() && value.length() <= 255 && value.indexOf('\0') < 0;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
