package io.wrongodb.command;

import java.util.Arrays;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * {@code buildInfo}: the MongoDB version WrongoDB behaves as (mongosh prints it, drivers read {@code versionArray}),
 * plus a {@code wrongodb} field that says what is really answering.
 */
public final class BuildInfoCommand implements Command {
    @Override
    public String name() {
        return "buildInfo";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("buildinfo");
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonArray versionArray = new BsonArray();
        Arrays.stream(ServerVersion.MONGODB_VERSION.split("\\."))
                .map(part -> new BsonInt32(Integer.parseInt(part)))
                .forEach(versionArray::add);
        versionArray.add(new BsonInt32(0));
        return new BsonDocument("version", new BsonString(ServerVersion.MONGODB_VERSION))
                .append("gitVersion", new BsonString("wrongodb-" + ServerVersion.wrongodbVersion()))
                .append("modules", new BsonArray())
                .append("allocator", new BsonString("jvm"))
                .append("javascriptEngine", new BsonString("none"))
                .append("sysInfo", new BsonString("deprecated"))
                .append("versionArray", versionArray)
                .append("openssl", new BsonDocument("running", new BsonString("disabled")))
                .append(
                        "buildEnvironment",
                        new BsonDocument("target_os", new BsonString(System.getProperty("os.name")))
                                .append("target_arch", new BsonString(System.getProperty("os.arch")))
                                .append("java", new BsonString(System.getProperty("java.version"))))
                .append("bits", new BsonInt32(64))
                .append("debug", BsonBoolean.FALSE)
                .append("maxBsonObjectSize", new BsonInt32(ServerLimits.MAX_BSON_OBJECT_SIZE))
                .append("storageEngines", new BsonArray(java.util.List.of(new BsonString("wrongodb"))))
                .append(
                        "wrongodb",
                        new BsonDocument("version", new BsonString(ServerVersion.wrongodbVersion()))
                                .append(
                                        "description",
                                        new BsonString("WrongoDB, a MongoDB-compatible database built to be read")));
    }
}
