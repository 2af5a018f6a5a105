package io.wrongodb.primary;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.wrongodb.node.NodeLifecycle;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mongosh 2.x, installed from npm into tests/mongosh, runs scripts against the started primary: the handshake and
 * diagnostics script, the CRUD script (crud.js) and single commands.
 */
@QuarkusTest
class MongoshScriptTest {
    private static final Path MONGOSH_DIR = Path.of(System.getProperty("test.mongosh-dir", "../tests/mongosh"));

    @Inject
    NodeLifecycle lifecycle;

    @TempDir
    Path home;

    @Test
    void theHandshakeScriptPasses() throws Exception {
        Result result =
                mongosh(MONGOSH_DIR.resolve("handshake.js").toAbsolutePath().toString());
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("WRONGODB-MONGOSH-OK");
    }

    @Test
    void theCrudScriptPasses() throws Exception {
        Result result = mongosh(MONGOSH_DIR.resolve("crud.js").toAbsolutePath().toString());
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("WRONGODB-MONGOSH-CRUD-OK");
    }

    @Test
    void showDbsWorks() throws Exception {
        Result result = mongosh("--eval", "show dbs", "--eval", "print('listed')");
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("listed").doesNotContain("MongoServerError");
    }

    @Test
    void aFailingCommandSurfacesMongoDbsError() throws Exception {
        Result result = mongosh("--eval", "db.runCommand({frobnicate: 1})");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.output).contains("MongoServerError").contains("no such command: 'frobnicate'");
    }

    private Result mongosh(String... args) throws IOException, InterruptedException {
        Path executable = MONGOSH_DIR.resolve("node_modules/.bin/mongosh");
        assertThat(executable)
                .as("mongosh is installed by `npm ci` in tests/mongosh (./mvnw verify and .ci/run do it)")
                .isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of(
                executable.toString(),
                "--quiet",
                "--norc",
                "mongodb://localhost:" + lifecycle.node().port() + "/test?serverSelectionTimeoutMS=5000"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("mongosh finished").isTrue();
        Files.writeString(home.resolve("mongosh-output.txt"), output);
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {}
}
