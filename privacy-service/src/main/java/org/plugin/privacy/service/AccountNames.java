package org.plugin.privacy.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.plugin.privacy.client.ContributorClient;
import org.plugin.privacy.client.ContributorClient.NamesRequest;
import org.plugin.privacy.client.ContributorClient.NamesResponse;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;

/**
 * Account names of contributors, read from contributor-service when they are shown: this service
 * keeps only contributor ids, so a deactivation or an erasure shows at once. Call it outside any
 * transaction. When contributor-service does not answer, the names are missing (null), never stale.
 */
@ApplicationScoped
public class AccountNames {

    private static final Logger LOG = Logger.getLogger(AccountNames.class);

    private final ContributorClient contributors;

    AccountNames(@RestClient ContributorClient contributors) {
        this.contributors = contributors;
    }

    /** The account name of each id contributor-service knows with a name; ids without one are absent. */
    public Map<UUID, String> of(Collection<UUID> ids) {
        List<UUID> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> names = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += ContributorClient.MAX_NAMES) {
            List<UUID> batch = new ArrayList<>(distinct.subList(from, Math.min(distinct.size(), from + ContributorClient.MAX_NAMES)));
            try {
                NamesResponse answer = Peers.call("contributor-service", () -> contributors.names(new NamesRequest(batch)));
                if (answer != null && answer.contributors() != null) {
                    answer.contributors().stream().filter(n -> n.id() != null && n.accountName() != null)
                            .forEach(n -> names.put(n.id(), n.accountName()));
                }
            } catch (PeerException e) {
                LOG.debugf("Account names not available now: %s", e.getMessage());
            }
        }
        return names;
    }
}
