package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.client.IdentityProviderClient.UserRepresentation;
import org.plugin.privacy.client.IdentityProviderClient.UserSessionRepresentation;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.support.UnitFixtures;

import com.fasterxml.jackson.databind.JsonNode;

/** What an export shows of the identity provider's account, and which of its 404s mean "no account". */
@Tag(UnitFixtures.UNIT)
class IdentityProviderTest {

    static final UserRepresentation USER = new UserRepresentation("zoe", "zoe@example.org", true, "Zoë", "O'Brien-Núñez", 1767261600000L,
            true, List.of("CONFIGURE_TOTP"), Map.of());

    @Test
    void theAccountWithTimesAsInstantsAndClientsByName() {
        Map<String, String> clients = new LinkedHashMap<>();
        clients.put("4ddd3d76", "plugin-frontend");
        clients.put("91aa0c2e", "plugin-cli");
        IdentityProvider.Account account = IdentityProvider.account(USER,
                List.of(new UserSessionRepresentation("192.0.2.7", 1767265200000L, 1767265800000L, clients)));
        assertThat(account.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(account.requiredActions()).containsExactly("CONFIGURE_TOTP");
        assertThat(account.sessions()).singleElement().satisfies(session -> {
            assertThat(session.startedAt()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
            assertThat(session.lastAccessAt()).isEqualTo(Instant.parse("2026-01-01T11:10:00Z"));
            assertThat(session.ipAddress()).isEqualTo("192.0.2.7");
            assertThat(session.clients()).containsExactly("plugin-frontend", "plugin-cli");
        });
    }

    @Test
    void missingPartsAreEmptyOrNullNeverAFailure() {
        UserRepresentation bare = new UserRepresentation("zoe", null, null, null, null, null, null, null, null);
        IdentityProvider.Account account = IdentityProvider.account(bare, null);
        assertThat(account.createdAt()).isNull();
        assertThat(account.requiredActions()).isEmpty();
        assertThat(account.sessions()).isEmpty();
        assertThat(IdentityProvider.account(bare, List.of(new UserSessionRepresentation(null, null, null, null)))
                .sessions().get(0).clients()).isEmpty();
    }

    @Test
    void attributesAreShownOnlyWhenTheAccountHasSome() {
        JsonNode without = UnitFixtures.mapper().valueToTree(IdentityProvider.account(USER, List.of()));
        assertThat(without.has("attributes")).isFalse();
        UserRepresentation attributed = new UserRepresentation("zoe", null, null, null, null, null, null, null,
                Map.of("locale", List.of("fr")));
        JsonNode with = UnitFixtures.mapper().valueToTree(IdentityProvider.account(attributed, List.of()));
        assertThat(with.at("/attributes/locale/0").asText()).isEqualTo("fr");
    }

    @Test
    void onlyKeycloaksUserNotFoundMeansTheAccountIsGone() {
        assertThat(IdentityProvider.noSuchAccount(new PeerException(IdentityProvider.NAME, 404, "User not found", null))).isTrue();
        assertThat(IdentityProvider.noSuchAccount(new PeerException(IdentityProvider.NAME, 404, "Realm not found", null))).isFalse();
        assertThat(IdentityProvider.noSuchAccount(new PeerException(IdentityProvider.NAME, 404, null, null))).isFalse();
        assertThat(IdentityProvider.noSuchAccount(new PeerException(IdentityProvider.NAME, 503, "User not found", null))).isFalse();
    }
}
