package org.plugin.contributor.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Vetoed;

import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.ContributorRepository;

/**
 * contributor rows in a map, for the fast tier: the lookups the services use, with the repository's
 * own guards (a string that cannot be a subject or an account name finds nothing). Locks are no-ops
 * (one thread); the unique-value locks taken are kept for the test to see. {@link #takeOnNextWrite}
 * plays a concurrent writer that stored a unique value first.
 */
@Vetoed
public class InMemoryContributors extends ContributorRepository {

    public final Map<UUID, Contributor> rows = new LinkedHashMap<>();
    public final List<String> lockedValues = new ArrayList<>();
    private UniqueValue takenOnNextWrite;

    /** Stores a contributor as if registered earlier. */
    public Contributor add(Contributor c) {
        rows.put(c.id, c);
        return c;
    }

    /** The next insert or flush fails as the unique index of {@code value} would, once. */
    public void takeOnNextWrite(UniqueValue value) {
        takenOnNextWrite = value;
    }

    @Override
    public Optional<Contributor> findByAccountName(String accountName) {
        return accountName == null ? Optional.empty() : rows.values().stream()
                .filter(c -> c.accountName != null && c.accountName.equalsIgnoreCase(accountName)).findFirst();
    }

    @Override
    public Optional<Contributor> findBySubject(String subject) {
        return !couldBeSubject(subject) ? Optional.empty()
                : rows.values().stream().filter(c -> subject.equals(c.subject)).findFirst();
    }

    @Override
    public Optional<Contributor> findByAccountNameForShare(String accountName) {
        return findByAccountName(accountName);
    }

    @Override
    public Optional<Contributor> findByIdOptional(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Optional<Contributor> lockById(UUID id) {
        return findByIdOptional(id);
    }

    @Override
    public Optional<Contributor> lockBySubject(String subject) {
        return findBySubject(subject);
    }

    @Override
    public Optional<Contributor> lockByAccountName(String accountName) {
        return findByAccountName(accountName);
    }

    @Override
    public void lockUniqueValues(Collection<String> keys) {
        lockedValues.addAll(keys);
    }

    @Override
    public List<Contributor> findByIds(Collection<UUID> ids) {
        return ids.stream().map(rows::get).filter(c -> c != null).toList();
    }

    @Override
    public boolean emailTaken(String email, UUID except) {
        return rows.values().stream().anyMatch(c -> c.email != null && !c.id.equals(except)
                && c.email.toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void insert(Contributor contributor) {
        refuseIfTaken();
        rows.put(contributor.id, contributor);
    }

    @Override
    public void flushChanges() {
        refuseIfTaken();
    }

    private void refuseIfTaken() {
        if (takenOnNextWrite != null) {
            var value = takenOnNextWrite;
            takenOnNextWrite = null;
            throw new ValueTakenException(value, null);
        }
    }
}
