package org.plugin.atom.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugin.atom.repository.CatalogQueries;
import org.plugin.atom.repository.CatalogQueries.Filter;
import org.plugin.atom.repository.CatalogQueries.Sort;
import org.plugin.atom.support.Db;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Search stays bounded at any catalog size (plugin.atom.search.max-ranked=200 by default): a
 * relevance search serves its best 200 hits and says when its total is only a lower bound; other
 * sorts page through every match, with a count that stops at plugin.atom.search.max-counted.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class SearchBoundsTest {

    static final int TITLE_HITS = 230;
    static final int BODY_HITS = 230;

    @Inject
    DataSource ds;

    @Inject
    @io.quarkus.agroal.DataSource("search")
    DataSource searchDs;

    @Inject
    CatalogQueries queries;

    String word;
    String reader = TestTokens.user("reader");

    /** 230 Atoms with the word in their display name, 230 with it only in their description; 3 of each are COMPONENTs. */
    @BeforeEach
    void seed() {
        var random = new java.util.Random();
        word = "zq" + random.ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String insert = "INSERT INTO atom (id, name, display_name, summary, description, kind, category, tags, license, lifecycle, created_at, updated_at)"
                + " SELECT gen_random_uuid(), ? || lpad(i::text, 4, '0'), ?, 'A seeded Atom', ?, CASE WHEN i <= 3 THEN 'COMPONENT' ELSE 'VNF' END,"
                + " ?, '{}', 'MIT', 'ACTIVE', now(), now() FROM generate_series(1, ?) i";
        Db.execute(ds, insert, "seed-" + word + "-t", "Seeded " + word, "Nothing to see", "seeding-title", TITLE_HITS);
        Db.execute(ds, insert, "seed-" + word.substring(2) + "-b", "Seeded body", "It mentions " + word + " once", "seeding-body", BODY_HITS);
    }

    @AfterEach
    void unseed() {
        Db.execute(ds, "DELETE FROM atom WHERE name LIKE ?", "seed-" + word + "-t%");
        Db.execute(ds, "DELETE FROM atom WHERE name LIKE ?", "seed-" + word.substring(2) + "-b%");
    }

    /** Scans start at the table's first page (see application.properties): the same search answers the same hits. */
    @Test
    void everyConnectionScansTablesFromTheirFirstPage() throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); var statement = c.createStatement();
                var rs = statement.executeQuery("SHOW synchronize_seqscans")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
        }
    }

    /** Searches have a pool of their own: same scans from the first page, and a full-text index entry priced as it costs. */
    @Test
    void searchConnectionsPriceAnIndexEntryAsAFullTextOneCosts() throws java.sql.SQLException {
        try (java.sql.Connection c = searchDs.getConnection(); var statement = c.createStatement();
                var rs = statement.executeQuery("SELECT current_setting('synchronize_seqscans'), current_setting('cpu_index_tuple_cost')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
            assertThat(rs.getString(2)).isEqualTo("0.05");
        }
    }

    /** Hits only in descriptions rank below every title hit: their own ranks are computed when a page reaches them. */
    @Test
    void descriptionHitsHaveTheirRankWhenThePageReachesThem() {
        var filter = new Filter(word, null, null, null, null, null);
        // a window of 300: the 230 title hits, then 70 description hits
        var titlesOnly = queries.search(filter, Sort.RELEVANCE, 10, 215, 300, 10_000);
        assertThat(titlesOnly.rows()).hasSize(10).allMatch(r -> r.name().startsWith("seed-" + word + "-t") && r.rank() >= 1);

        var straddling = queries.search(filter, Sort.RELEVANCE, 10, 225, 300, 10_000);
        assertThat(straddling.rows()).hasSize(10);
        assertThat(straddling.rows().subList(0, 5)).allMatch(r -> r.name().startsWith("seed-" + word + "-t") && r.rank() >= 1);
        assertThat(straddling.rows().subList(5, 10)).allMatch(r -> !r.name().startsWith("seed-" + word + "-t") && r.rank() > 0 && r.rank() < 1);
        assertThat(straddling.total()).isEqualTo(300);
        assertThat(straddling.totalIsLowerBound()).isTrue();
    }

    JsonPath search(String query) {
        return given().auth().oauth2(reader).get("/api/atoms?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void relevanceServesTheBestHitsAndSaysItsTotalIsALowerBound() {
        JsonPath first = search("q=" + word + "&limit=100");
        assertThat(first.getInt("total")).isEqualTo(200);
        assertThat(first.getBoolean("totalIsLowerBound")).isTrue();
        assertThat(first.getInt("nextOffset")).isEqualTo(100);
        assertThat(first.getList("items.name", String.class)).hasSize(100).allMatch(n -> n.startsWith("seed-" + word + "-t"));

        JsonPath last = search("q=" + word + "&limit=100&offset=150");
        assertThat(last.getList("items")).hasSize(50);
        assertThat(last.getString("nextOffset")).isNull();

        // the pages of one query never repeat an Atom
        Set<String> seen = new HashSet<>(first.getList("items.name", String.class));
        seen.addAll(search("q=" + word + "&limit=100&offset=100").getList("items.name", String.class));
        assertThat(seen).hasSize(200);
    }

    @Test
    void pagingPastTheRankedHitsIsAClearProblem() {
        given().auth().oauth2(reader).get("/api/atoms?q=" + word + "&offset=200").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("offset must be below 200"))
                .body("detail", containsString("sort by name"));
    }

    @Test
    void otherSortsPageThroughEveryMatch() {
        given().auth().oauth2(reader).get("/api/atoms?q=" + word + "&sort=name&limit=100&offset=400").then().statusCode(200)
                .body("total", equalTo(TITLE_HITS + BODY_HITS)).body("totalIsLowerBound", equalTo(false)).body("items", hasSize(60))
                .body("nextOffset", nullValue());
        given().auth().oauth2(reader).get("/api/atoms?q=" + word + "&sort=name&limit=100&offset=100").then().statusCode(200)
                .body("nextOffset", equalTo(200)).body("items[0].rank", nullValue());
    }

    @Test
    void aNarrowSearchHasAnExactTotal() {
        JsonPath page = search("q=" + word + "&kind=COMPONENT");
        assertThat(page.getInt("total")).isEqualTo(6);
        assertThat(page.getBoolean("totalIsLowerBound")).isFalse();
        assertThat(page.getString("nextOffset")).isNull();
        // hits in names rank above hits only in descriptions
        assertThat(page.getList("items.name", String.class).subList(0, 3)).allMatch(n -> n.startsWith("seed-" + word + "-t"));
        assertThat(page.getList("items.name", String.class).subList(3, 6)).noneMatch(n -> n.startsWith("seed-" + word + "-t"));
    }

    @Test
    void descriptionOnlyHitsAreBoundedToo() {
        given().auth().oauth2(reader).get("/api/atoms?q=" + word + "&category=seeding-body&limit=100&offset=100").then().statusCode(200)
                .body("total", equalTo(200)).body("totalIsLowerBound", equalTo(true)).body("items", hasSize(100))
                .body("items.rank", everyItem(lessThan(1f))).body("nextOffset", nullValue());
    }

    /** The seeded Atoms share their timestamps and have no rating: only the tie-break on id orders them. */
    @Test
    void everySortIsDeterministicAndPagesNeitherRepeatNorSkip() {
        for (String sort : List.of("relevance", "name", "newest", "updated", "rating")) {
            String query = "q=" + word + "&category=seeding-title&sort=" + sort + "&limit=60";
            List<String> first = search(query).getList("items.name", String.class);
            assertThat(search(query).getList("items.name", String.class)).as(sort).isEqualTo(first);
            List<String> second = search(query + "&offset=60").getList("items.name", String.class);
            Set<String> both = new HashSet<>(first);
            both.addAll(second);
            assertThat(both).as(sort).hasSize(120);
        }
    }

    @Test
    void countsStopAtTheirBoundWhilePagesGoOn() {
        var filter = new Filter(word, null, null, null, null, null);
        var first = queries.search(filter, Sort.NAME, 10, 0, 200, 25);
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.totalIsLowerBound()).isTrue();
        assertThat(first.more()).isTrue();

        var deeper = queries.search(filter, Sort.NAME, 10, 40, 200, 25);
        assertThat(deeper.rows()).hasSize(10);
        assertThat(deeper.total()).isEqualTo(51); // at least what this page proves: 40 before it, 10 on it, one more after
        assertThat(deeper.totalIsLowerBound()).isTrue();

        var end = queries.search(filter, Sort.NAME, 10, 455, 200, 25);
        assertThat(end.rows()).hasSize(5);
        assertThat(end.more()).isFalse();
        assertThat(end.total()).isEqualTo(460);
        assertThat(end.totalIsLowerBound()).isFalse();

        var past = queries.search(filter, Sort.NAME, 10, 5000, 200, 25);
        assertThat(past.rows()).isEmpty();
        assertThat(past.total()).isEqualTo(25);
        assertThat(past.totalIsLowerBound()).isTrue();
        assertThat(past.more()).isFalse();

        var exact = queries.search(filter, Sort.NAME, 10, 0, 200, 10_000);
        assertThat(exact.total()).isEqualTo(460);
        assertThat(exact.totalIsLowerBound()).isFalse();
    }
}
