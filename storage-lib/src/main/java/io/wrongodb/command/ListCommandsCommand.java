package io.wrongodb.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * {@code listCommands}: every command the node answers, by name in sorted order (aliases such as {@code isMaster}
 * are not listed, as in mongod), each with {@code help}, {@code requiresAuth} (always false: WrongoDB has no access
 * control), {@code secondaryOk} (true for the commands a secondary always accepts) and {@code adminOnly}.
 */
public final class ListCommandsCommand implements Command {
    /** Commands that only run in the admin database. */
    private static final Set<String> ADMIN_ONLY = Set.of(
            "listDatabases", "renameCollection", "getCmdLineOpts", "getLog", "getParameter", "currentOp", "killOp");

    /** Commands a secondary runs without the client opting in (mongod's {@code AllowedOnSecondary::kAlways}). */
    private static final Set<String> ALWAYS_ON_SECONDARY = Set.of(
            "hello",
            "ping",
            "buildInfo",
            "getParameter",
            "getLog",
            "getCmdLineOpts",
            "whatsmyuri",
            "connectionStatus",
            "endSessions",
            "serverStatus",
            "hostInfo",
            "listCommands",
            "currentOp",
            "killOp",
            "getMore",
            "killCursors",
            "validate");

    /** WrongoDB's own one-line help for the commands tools look up; mongod's default text for the others. */
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("hello", "describes the server: its role, limits and wire versions"),
            Map.entry("ping", "answers ok: a check that the server is alive"),
            Map.entry("find", "queries the documents of a collection"),
            Map.entry("insert", "inserts documents into a collection"),
            Map.entry("update", "updates documents of a collection"),
            Map.entry("delete", "deletes documents of a collection"),
            Map.entry("getMore", "returns the next batch of an open cursor"),
            Map.entry("serverStatus", "statistics of the running server: operations, connections, memory"),
            Map.entry("hostInfo", "describes the machine the server runs on"),
            Map.entry("listCommands", "lists the commands the server answers"),
            Map.entry("validate", "checks a collection's documents and index entries against each other"),
            Map.entry("collMod", "changes the options of a collection"),
            Map.entry("currentOp", "lists the operations running now (admin database only)"),
            Map.entry("killOp", "marks a running operation as killed (admin database only)"),
            Map.entry("dataSize", "the bytes and number of documents of a collection"));

    private final List<Command> commands;

    private ListCommandsCommand(List<Command> commands) {
        this.commands = commands;
    }

    /** Lists {@code others} and itself. */
    public static ListCommandsCommand over(List<? extends Command> others) {
        List<Command> all = new ArrayList<>(others);
        ListCommandsCommand command = new ListCommandsCommand(all);
        all.add(command);
        return command;
    }

    @Override
    public String name() {
        return "listCommands";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Map<String, BsonDocument> sorted = new TreeMap<>();
        for (Command command : commands) {
            String name = command.name();
            sorted.put(
                    name,
                    new BsonDocument("help", new BsonString(HELP.getOrDefault(name, "no help defined")))
                            .append("requiresAuth", BsonBoolean.FALSE)
                            .append("secondaryOk", BsonBoolean.valueOf(ALWAYS_ON_SECONDARY.contains(name)))
                            .append("adminOnly", BsonBoolean.valueOf(ADMIN_ONLY.contains(name))));
        }
        BsonDocument list = new BsonDocument();
        sorted.forEach(list::append);
        return new BsonDocument("commands", list);
    }
}
