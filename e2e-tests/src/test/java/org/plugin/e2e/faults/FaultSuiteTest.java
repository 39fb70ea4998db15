package org.plugin.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.e2e.Stack;
import org.plugin.e2e.faults.Load.Sample;
import org.plugin.e2e.faults.Outages.Window;

import io.restassured.http.ContentType;

/**
 * The stack with two replicas of each service, under load, while an operator's faults happen:
 * a replica of each service killed (SIGKILL) during erasures, deactivations reaching
 * privacy-service through contributor-service's outbox, and CI writes; PostgreSQL stopped for 10 s;
 * a replica hung (SIGSTOP) for 20 s; the identity provider stopped for 5 minutes
 * ({@code FAULTS_PROVIDER_OUTAGE}, ISO-8601). Afterwards: no erasure job lost, duplicated or late,
 * no personal data of the erased left, the ledger valid, no 5xx but 503/504 and only inside an
 * outage window, no 401 for a token that had not expired, every kind of request served again
 * within {@link #RECOVERY} of each fault's end, each comment stored once despite the retries.
 *
 * <p>Run by deploy/local/faults (needs the stack of deploy/local/up with REPLICAS=2); tagged so the
 * e2e suite leaves it out.
 */
@Tag("faults")
class FaultSuiteTest {

    /** Each kind of request must be answered again within this after a fault ended. */
    static final Duration RECOVERY = Duration.ofSeconds(30);
    /** After a window closes, health checks take a few seconds to send traffic back. */
    static final Duration GRACE = Duration.ofSeconds(10);
    static final int ERASED = Integer.parseInt(System.getenv().getOrDefault("FAULTS_ERASED", "10"));
    static final Duration PROVIDER_OUTAGE = Duration.parse(System.getenv().getOrDefault("FAULTS_PROVIDER_OUTAGE", "PT5M"));
    static final String PG_PORT = System.getenv().getOrDefault("PG_PORT", "5433");

    final Outages outages = new Outages();

    record Person(String username, String accountName, String email, String firstName, String lastName, String token, String id) {
    }

    /** The second replica of atom-service, called directly. */
    static final String ATOM_2 = "http://127.0.0.1:" + (Integer.parseInt(System.getenv().getOrDefault("ATOM_PORT", "8082")) + 10);

    /** What the replica started during the provider's outage did wrong, if anything. */
    final List<String> lateReplica = new ArrayList<>();
    /** How long after the provider answered again that replica got ready by itself. */
    Duration lateReplicaReadyAfter;

    @Test
    void theStackKeepsServingAndLosesNothing() throws Exception {
        Instant began = Instant.now();
        String runTag = "faults" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        String admin = Stack.userToken(Stack.ADMIN);

        // ---- setup: a contributor with an Atom, and the people to be erased ----------------------
        register(Stack.userToken(Stack.ALICE), "alice", "Alice", "Liddell", "alice@example.org", 201, 409);
        Load.Token ci = new Load.Token("ci-alice", () -> Stack.clientToken("ci-alice", "ci-alice-secret"));
        Load.Token user = new Load.Token("alice", () -> Stack.userToken(Stack.ALICE));
        String atom = "fault-" + runTag;
        given().spec(Stack.gateway(ci.get())).contentType(ContentType.JSON).body(descriptor(runTag))
                .when().put("/api/atoms/" + atom + "/versions/1.0.0").then().statusCode(201);

        List<Person> people = new ArrayList<>();
        for (int i = 0; i < ERASED; i++) {
            String username = Stack.newUser("fault");
            String token = Stack.userToken(username);
            // names are letters: the digits of the unique part become letters
            String suffix = username.substring(username.lastIndexOf('-') + 1).chars()
                    .mapToObj(ch -> String.valueOf((char) (Character.isDigit(ch) ? 'g' + (ch - '0') : ch))).collect(Collectors.joining());
            String accountName = username.toLowerCase();
            register(token, accountName, "Faultfirst" + suffix, "Faultlast" + suffix, username + "@example.org", 201);
            String id = given().spec(Stack.gateway(token)).when().get("/api/contributors/me").then().statusCode(200).extract().path("id");
            Person person = new Person(username, accountName, username + "@example.org", "Faultfirst" + suffix, "Faultlast" + suffix, token, id);
            given().spec(Stack.gateway(token)).contentType(ContentType.JSON).body(Map.of("body", "erased soon " + suffix))
                    .when().post("/api/atoms/" + atom + "/comments").then().statusCode(201);
            people.add(person);
        }

        // ---- load, then the faults, overlapping as they would -------------------------------------
        Load load = new Load(user, ci, atom, runTag);
        load.start(3);
        Load.pause(5_000);

        // deactivations travel through contributor-service's outbox while replicas die
        for (Person person : people) {
            given().spec(Stack.gateway(person.token())).when().post("/api/contributors/me/deactivation").then().statusCode(200);
        }
        // past the grace period on privacy-service's clock (every replica reads the same offset)
        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("by", "P8D")).when().post("/internal/clock/advance").then().statusCode(200);
        try {
            Window kill = outages.open("a replica of each service killed");
            for (String replica : List.of("contributor-service-2", "atom-service-2", "privacy-service-2")) {
                Outages.signal("KILL", Outages.pid(replica));
            }
            Load.pause(5_000);
            outages.restoring(kill);
            Outages.up();
            outages.close(kill);
            Load.pause(10_000);

            Window database = outages.open("PostgreSQL stopped for 10 s");
            Outages.down("postgres");
            Load.pause(10_000);
            outages.restoring(database);
            Outages.up();
            outages.close(database);
            Load.pause(10_000);

            Window hung = outages.open("a replica of atom-service hung for 20 s");
            long atomService = Outages.pid("atom-service");
            Outages.signal("STOP", atomService);
            Load.pause(20_000);
            outages.restoring(hung);
            Outages.signal("CONT", atomService);
            Load.pause(3_000);
            outages.close(hung);
            Load.pause(5_000);

            // tokens fetched just before the provider goes: they stay valid for their whole life
            load.refreshTokens();
            Window provider = outages.open("the identity provider stopped for " + PROVIDER_OUTAGE.toSeconds() + " s");
            Outages.down("keycloak");
            Instant providerDown = Instant.now();
            // a replica started while the provider is down: it cannot check tokens, so it must say
            // not-ready (the gateway sends it nothing) and answer 503 with Retry-After when called directly
            Load.pause(10_000);
            long killed = Outages.pid("atom-service-2");
            Outages.signal("KILL", killed);
            Outages.awaitGone(killed);
            Outages.startServices();
            lateReplica.addAll(startedWithoutProvider(ATOM_2, user.get(), atom));
            Load.pause(Math.max(0, PROVIDER_OUTAGE.toMillis() - Duration.between(providerDown, Instant.now()).toMillis()));
            outages.restoring(provider);
            ReadyWatch watch = ReadyWatch.start(Stack.REALM + "/.well-known/openid-configuration", ATOM_2 + "/q/health/ready");
            Outages.up();
            outages.close(provider);
            lateReplicaReadyAfter = watch.await(Duration.ofMinutes(2));
            Load.pause(RECOVERY.toMillis());
        } finally {
            load.stop();
        }

        // ---- what must hold ----------------------------------------------------------------------
        List<Sample> samples = load.samples();
        List<Window> windows = outages.windows();
        List<String> violations = new ArrayList<>(lateReplica);
        if (lateReplicaReadyAfter == null) {
            violations.add("atom-service-2, started while the provider was down, not ready within 2 minutes of the provider's return");
        } else if (lateReplicaReadyAfter.compareTo(RECOVERY) > 0) {
            violations.add("atom-service-2, started while the provider was down, ready only " + lateReplicaReadyAfter.toSeconds()
                    + " s after the provider answered again");
        }

        // answers: no 5xx but 503/504, only inside a window; no 401 for a live token
        for (Sample s : samples) {
            boolean inWindow = windows.stream().anyMatch(w -> w.covers(s.at(), GRACE));
            if (s.status() >= 500 && !(inWindow && (s.status() == 503 || s.status() == 504))) {
                violations.add(s.op() + " answered " + s.status() + " at " + s.at() + (inWindow ? " (inside a window)" : ""));
            }
            if (s.status() == 0 && !inWindow) {
                violations.add(s.op() + " got no answer at " + s.at() + ", outside every window");
            }
            if (s.status() == 401 && !s.tokenExpired()) {
                violations.add(s.op() + " refused a valid token (401) at " + s.at());
            }
        }

        // recovery: every kind of request served again within RECOVERY of each window's end
        Map<String, Duration> recovery = new LinkedHashMap<>();
        for (Window w : windows) {
            for (String op : samples.stream().map(Sample::op).distinct().sorted().toList()) {
                Duration back = samples.stream().filter(s -> s.op().equals(op) && !s.at().isBefore(w.end()) && s.status() > 0 && s.status() < 400)
                        .map(s -> Duration.between(w.end(), s.at().plusMillis(s.millis()))).findFirst().orElse(null);
                if (back == null || back.compareTo(RECOVERY) > 0) {
                    violations.add(op + " not served again within " + RECOVERY.toSeconds() + " s after: " + w.name());
                }
                if (back != null) {
                    recovery.merge(w.name(), back, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }

        // what clients saw in each window, for the operator's documentation (README, "Outages"): how many
        // answers were not a service (no answer, 5xx, or refused because the token ran out while the
        // provider could not issue another), and when every kind of request was served again, counted from
        // the moment the repair began (a restart, SIGCONT); the part itself took (end - restoring) to come back
        List<String> seen = new ArrayList<>();
        Duration servedAgainMax = Duration.ZERO;
        for (Window w : windows) {
            List<Sample> inside = samples.stream().filter(s -> w.covers(s.at(), GRACE)).toList();
            List<Sample> failed = inside.stream().filter(FaultSuiteTest::notServed).toList();
            Duration partBack = Duration.between(w.restoring(), w.end());
            if (failed.isEmpty()) {
                seen.add("%s: %d requests, none failed; the part was back %d s after the repair began"
                        .formatted(w.name(), inside.size(), partBack.toSeconds()));
                continue;
            }
            Duration servedAgain = Duration.ZERO;
            for (String op : failed.stream().map(Sample::op).distinct().toList()) {
                Instant lastFailure = failed.stream().filter(s -> s.op().equals(op)).map(Sample::at).max(Instant::compareTo).orElseThrow();
                Duration back = samples.stream().filter(s -> s.op().equals(op) && s.at().isAfter(lastFailure) && !notServed(s) && s.status() < 400)
                        .map(s -> Duration.between(w.restoring(), s.at().plusMillis(s.millis()))).findFirst().orElse(null);
                if (back == null) {
                    violations.add(op + " never served again after: " + w.name());
                } else if (back.compareTo(servedAgain) > 0) {
                    servedAgain = back;
                }
            }
            servedAgainMax = servedAgain.compareTo(servedAgainMax) > 0 ? servedAgain : servedAgainMax;
            Instant first = failed.stream().map(Sample::at).min(Instant::compareTo).orElseThrow();
            Instant last = failed.stream().map(Sample::at).max(Instant::compareTo).orElseThrow();
            seen.add("%s: %d of %d requests not served %s, from %d s after the fault for %d s; the part was back %d s after the repair began, every kind of request served again after %d s"
                    .formatted(w.name(), failed.size(), inside.size(), statuses(failed), Duration.between(w.start(), first).toSeconds(),
                            Duration.between(first, last).toSeconds(), partBack.toSeconds(), Math.max(0, servedAgain.toSeconds())));
        }

        // each comment that succeeded stored once, whatever the retries
        Map<String, Integer> stored = commentCounts(admin, atom, runTag);
        long duplicated = load.comments.values().stream().filter(body -> stored.getOrDefault(body, 0) > 1).count();
        long missing = load.comments.values().stream().filter(body -> stored.getOrDefault(body, 0) == 0).count();
        if (duplicated > 0 || missing > 0) {
            violations.add(duplicated + " comments stored twice or more, " + missing + " acknowledged but not stored");
        }

        // erasure: one job each, completed before its deadline, confirmed by every step
        Instant waitUntil = Instant.now().plus(Duration.ofMinutes(4));
        Map<String, Object> erasure;
        do {
            erasure = erasureState(people);
            if ((long) erasure.get("completed") == ERASED) {
                break;
            }
            Load.pause(5_000);
        } while (Instant.now().isBefore(waitUntil));
        if ((long) erasure.get("completed") != ERASED || (long) erasure.get("jobs") != ERASED
                || (long) erasure.get("contributors") != ERASED || (long) erasure.get("late") != 0) {
            violations.add("erasure: " + erasure);
        }

        // nothing of the erased left in any database or in the identity provider
        List<String> leftovers = leftovers(people);
        violations.addAll(leftovers);

        // the ledger verifies
        boolean ledgerValid = given().spec(Stack.gateway(Stack.userToken(Stack.ADMIN))).when().get("/api/atoms/ledger/verification")
                .then().statusCode(200).extract().path("valid");
        if (!ledgerValid) {
            violations.add("the ledger does not verify");
        }

        given().baseUri(Stack.PRIVACY_SERVICE).auth().oauth2(Stack.userToken(Stack.ADMIN)).when().post("/internal/clock/reset");

        Map<String, Long> byStatus = samples.stream().collect(Collectors.groupingBy(s -> s.status() == 0 ? "none" : Integer.toString(s.status()),
                TreeMap::new, Collectors.counting()));
        String summary = "Faults: %d windows, %d requests %s, comments %d stored once, erasure %s, personal data left %d, ledger %s, served again within %s s of each fault's end and %d s of a repair's start, violations %d, %d s"
                .formatted(windows.size(), samples.size(), byStatus, load.comments.size() - duplicated - missing, erasure,
                        leftovers.size(), ledgerValid ? "valid" : "BROKEN",
                        recovery.values().stream().max(Duration::compareTo).map(d -> Long.toString(d.toSeconds())).orElse("-"),
                        servedAgainMax.toSeconds(), violations.size(), Duration.between(began, Instant.now()).toSeconds());
        System.out.println(summary);
        windows.forEach(w -> System.out.println("  window: " + w.name() + " " + w.start() + " .. " + w.end()
                + ", every kind of request served within " + recovery.getOrDefault(w.name(), Duration.ZERO).toSeconds() + " s of its end"));
        seen.add("atom-service-2 started while the provider was down: not ready, 503 with Retry-After when called directly"
                + (lateReplica.isEmpty() ? "" : " (NOT: " + String.join("; ", lateReplica) + ")")
                + (lateReplicaReadyAfter == null ? ", not ready in time after the provider's return" : ", ready " + lateReplicaReadyAfter.toSeconds() + " s after the provider answered again"));
        seen.forEach(line -> System.out.println("  seen: " + line));
        java.nio.file.Files.createDirectories(Outages.LOGS);
        java.nio.file.Files.writeString(Outages.LOGS.resolve("summary.txt"), summary + "\n"
                + seen.stream().map(line -> "  " + line + "\n").collect(Collectors.joining())
                + violations.stream().map(line -> "VIOLATION " + line + "\n").collect(Collectors.joining()));
        // every attempt, for a look at what happened when
        java.nio.file.Files.write(Outages.LOGS.resolve("samples.csv"), samples.stream()
                .map(x -> x.at() + "," + x.op() + "," + x.status() + "," + x.millis() + "," + x.tokenExpired()).toList());
        samples.stream().collect(Collectors.groupingBy(x -> x.op() + " " + x.status(), TreeMap::new, Collectors.counting()))
                .forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(violations).as(summary).isEmpty();
    }

    /**
     * A replica just started while the provider is down: once it answers at all, its readiness is DOWN
     * naming the provider's keys, and a call with a valid token answers 503 problem+json with Retry-After.
     */
    static List<String> startedWithoutProvider(String replica, String token, String atom) {
        List<String> wrong = new ArrayList<>();
        Instant giveUp = Instant.now().plusSeconds(120);
        io.restassured.response.Response ready = null;
        while (Instant.now().isBefore(giveUp)) {
            try {
                ready = given().baseUri(replica).when().get("/q/health/ready");
                break;
            } catch (Exception e) {
                // not listening yet
                Load.pause(500);
            }
        }
        if (ready == null) {
            return List.of("atom-service-2, started while the provider was down, did not answer its readiness check within 120 s");
        }
        if (ready.statusCode() != 503 || !ready.asString().contains("Identity provider keys")) {
            wrong.add("atom-service-2, started while the provider was down, answered its readiness check " + ready.statusCode() + ": " + ready.asString());
        }
        var call = given().baseUri(replica).auth().oauth2(token).when().get("/api/atoms/" + atom);
        if (call.statusCode() != 503 || !String.valueOf(call.contentType()).startsWith("application/problem+json") || call.header("Retry-After") == null) {
            wrong.add("atom-service-2, started while the provider was down, answered a valid token " + call.statusCode()
                    + " (" + call.contentType() + ", Retry-After " + call.header("Retry-After") + "), not 503 problem+json with Retry-After");
        }
        return wrong;
    }

    /** Watches, from now, when a first URL and then a second answer 200: how long the second took after the first. */
    record ReadyWatch(java.util.concurrent.CompletableFuture<Duration> result) {
        static ReadyWatch start(String first, String second) {
            return new ReadyWatch(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                Instant firstAt = null;
                Instant giveUp = Instant.now().plus(Duration.ofMinutes(6));
                while (Instant.now().isBefore(giveUp)) {
                    if (firstAt == null && answers200(first)) {
                        firstAt = Instant.now();
                    }
                    if (firstAt != null && answers200(second)) {
                        return Duration.between(firstAt, Instant.now());
                    }
                    Load.pause(500);
                }
                return null;
            }));
        }

        Duration await(Duration timeout) throws Exception {
            try {
                return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return null;
            }
        }

        static boolean answers200(String url) {
            try {
                return given().when().get(url).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }
    }

    /** An answer that did not serve the client: none, a 5xx, or a refusal because its token ran out during an outage. */
    static boolean notServed(Sample s) {
        return s.status() == 0 || s.status() >= 500 || (s.tokenExpired() && s.status() >= 400);
    }

    static String statuses(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(s -> s.status() == 0 ? "none" : Integer.toString(s.status()),
                TreeMap::new, Collectors.counting())).toString();
    }

    static void register(String token, String accountName, String first, String last, String email, Integer... statuses) {
        int status = given().spec(Stack.gateway(token)).contentType(ContentType.JSON)
                .body(Map.of("accountName", accountName, "firstName", first, "lastName", last, "email", email))
                .when().post("/api/contributors").then().extract().statusCode();
        assertThat(status).as("registering " + accountName).isIn((Object[]) statuses);
    }

    static String descriptor(String runTag) {
        return """
                {"atom":{"displayName":"Fault suite Atom","summary":"Written while faults happen",
                  "description":"Registered by the fault suite %s.","kind":"VNF","category":"testing",
                  "tags":["faults"],"license":"Apache-2.0","sourceUrl":"https://git.example.org/faults"},
                 "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/faults:1","digest":"sha256:%s"}],
                 "languages":["Java"],"connectionPoints":[{"name":"in","protocol":"HTTP","direction":"IN"}],"releaseNotes":"faults"}"""
                .formatted(runTag, "f".repeat(64));
    }

    /** How many times each comment body of this run is stored, read from atom-service's database. */
    static Map<String, Integer> commentCounts(String admin, String atom, String runTag) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = db("atom"); var s = c.prepareStatement("select body, count(*) from feedback_comment where body like ? group by body")) {
            s.setString(1, "fault comment " + runTag + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /** The erased people's jobs (one each, none lost), completed ones, late ones: privacy-service's database. */
    static Map<String, Object> erasureState(List<Person> people) throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        try (Connection c = db("privacy"); var s = c.prepareStatement("""
                select count(*), count(*) filter (where status = 'COMPLETED'),
                       count(*) filter (where completed_at > deadline or (completed_at is null and deadline < now())),
                       count(distinct contributor_id)
                from erasure_job where contributor_id = any (?)""")) {
            s.setArray(1, c.createArrayOf("uuid", people.stream().map(p -> UUID.fromString(p.id())).toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                state.put("jobs", r.getLong(1));
                state.put("completed", r.getLong(2));
                state.put("late", r.getLong(3));
                state.put("contributors", r.getLong(4));
            }
        }
        return state;
    }

    /** Every trace of the erased people still found: database rows, identity-provider accounts. */
    static List<String> leftovers(List<Person> people) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String db : List.of("contributor", "atom", "privacy")) {
            try (Connection c = db(db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                    while (r.next()) {
                        tables.add(r.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (var s = c.createStatement(); ResultSet r = s.executeQuery("select t::text from \"" + table + "\" t")) {
                        while (r.next()) {
                            String row = r.getString(1);
                            for (Person p : people) {
                                for (String value : List.of(p.email(), p.firstName(), p.lastName(), p.accountName())) {
                                    if (row != null && row.contains(value)) {
                                        found.add(db + "." + table + " still holds a value of an erased person");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        String kcAdmin = keycloakAdminToken();
        for (Person p : people) {
            List<?> users = given().baseUri(Stack.KEYCLOAK).auth().oauth2(kcAdmin).queryParam("username", p.username())
                    .queryParam("exact", true).when().get("/admin/realms/plugin/users").then().statusCode(200).extract().as(List.class);
            if (!users.isEmpty()) {
                found.add("the identity provider still has an account of an erased person");
            }
        }
        return found.stream().distinct().toList();
    }

    static Connection db(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + name, name, name);
    }

    static String keycloakAdminToken() {
        return given().baseUri(Stack.KEYCLOAK).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", System.getenv().getOrDefault("KEYCLOAK_ADMIN", "kcadmin"))
                .formParam("password", System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "kcadmin"))
                .when().post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
