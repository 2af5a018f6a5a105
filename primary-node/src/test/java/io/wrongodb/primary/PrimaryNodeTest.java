package io.wrongodb.primary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.wrongodb.node.NodeLifecycle;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The primary app as Quarkus runs it: the wire server on Quarkus's Vert.x, health and metrics over HTTP. */
@QuarkusTest
class PrimaryNodeTest {
    @Inject
    NodeLifecycle lifecycle;

    private MongoClient client() {
        return MongoClients.create("mongodb://127.0.0.1:" + lifecycle.node().port()
                + "/?directConnection=true&serverSelectionTimeoutMS=5000");
    }

    @Test
    void theDriverTalksToThePrimary() {
        try (MongoClient client = client()) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
            assertThat(hello.getString("setName")).isEqualTo("rs0");
            assertThat(client.getDatabase("admin")
                            .runCommand(new Document("buildInfo", 1))
                            .getString("version"))
                    .startsWith("7.0.");
            assertThat(client.listDatabaseNames().into(new java.util.ArrayList<>()))
                    .isEmpty();
        }
    }

    @Test
    void readinessAndLivenessAreUp() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("wrongodb-node"))
                .body("checks[0].data.role", equalTo("primary"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCarryTheWrongoDbMetersAfterACommand() {
        try (MongoClient client = client()) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            String metrics = given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(metrics)
                    .containsPattern("wrongodb_commands_total\\{command=\"ping\",outcome=\"ok\"\\} [1-9]")
                    .contains("wrongodb_command_latency_seconds_count{command=\"ping\"}")
                    .containsPattern("wrongodb_connections_open [1-9]")
                    .contains("wrongodb_connections_accepted_total");
        }
    }
}
