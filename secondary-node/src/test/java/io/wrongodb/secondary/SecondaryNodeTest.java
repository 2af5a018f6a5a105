package io.wrongodb.secondary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.quarkus.test.junit.QuarkusTest;
import io.wrongodb.node.NodeLifecycle;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The secondary app: it presents itself as a secondary of rs0 whose primary is its sync source. */
@QuarkusTest
class SecondaryNodeTest {
    @Inject
    NodeLifecycle lifecycle;

    @Test
    void helloSaysSecondaryAndNamesThePrimary() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:"
                + lifecycle.node().port() + "/?directConnection=true&serverSelectionTimeoutMS=5000")) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getBoolean("isWritablePrimary")).isFalse();
            assertThat(hello.getBoolean("secondary")).isTrue();
            assertThat(hello.getString("setName")).isEqualTo("rs0");
            assertThat(hello.getString("primary")).isEqualTo("localhost:27017");
        }
    }

    @Test
    void healthReportsTheSecondaryRole() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.role", equalTo("secondary"));
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
