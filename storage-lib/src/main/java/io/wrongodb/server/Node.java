package io.wrongodb.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.wrongodb.catalog.Catalog;
import io.wrongodb.command.AggregateCommand;
import io.wrongodb.command.BuildInfoCommand;
import io.wrongodb.command.CollModCommand;
import io.wrongodb.command.Command;
import io.wrongodb.command.CommandDispatcher;
import io.wrongodb.command.CommandMetrics;
import io.wrongodb.command.CommandRegistry;
import io.wrongodb.command.ConnectionStatusCommand;
import io.wrongodb.command.CountCommand;
import io.wrongodb.command.CreateCommand;
import io.wrongodb.command.CurrentOpCommand;
import io.wrongodb.command.CurrentOps;
import io.wrongodb.command.CursorCommands;
import io.wrongodb.command.DataSizeCommand;
import io.wrongodb.command.DeleteCommand;
import io.wrongodb.command.DistinctCommand;
import io.wrongodb.command.DropCommand;
import io.wrongodb.command.DropDatabaseCommand;
import io.wrongodb.command.EndSessionsCommand;
import io.wrongodb.command.ExplainCommand;
import io.wrongodb.command.FindAndModifyCommand;
import io.wrongodb.command.FindCommand;
import io.wrongodb.command.GetCmdLineOptsCommand;
import io.wrongodb.command.GetLogCommand;
import io.wrongodb.command.GetParameterCommand;
import io.wrongodb.command.HelloCommand;
import io.wrongodb.command.HostInfoCommand;
import io.wrongodb.command.IndexCommands;
import io.wrongodb.command.InsertCommand;
import io.wrongodb.command.KillOpCommand;
import io.wrongodb.command.ListCollectionsCommand;
import io.wrongodb.command.ListCommandsCommand;
import io.wrongodb.command.ListDatabasesCommand;
import io.wrongodb.command.OpCounters;
import io.wrongodb.command.OpenCursors;
import io.wrongodb.command.PingCommand;
import io.wrongodb.command.RamLog;
import io.wrongodb.command.RenameCollectionCommand;
import io.wrongodb.command.ServerParameters;
import io.wrongodb.command.ServerProcess;
import io.wrongodb.command.ServerStatusCommand;
import io.wrongodb.command.SetParameterCommand;
import io.wrongodb.command.StatsCommands;
import io.wrongodb.command.Store;
import io.wrongodb.command.TtlMonitor;
import io.wrongodb.command.UpdateCommand;
import io.wrongodb.command.ValidateCommand;
import io.wrongodb.command.WhatsMyUriCommand;
import io.wrongodb.repl.NodeRole;
import io.wrongodb.repl.ReplicaSetView;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.wal.WalConfig;
import io.wrongodb.wire.WireMetrics;
import io.wrongodb.wire.WireRequestHandler;
import io.wrongodb.wire.WireServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * A running WrongoDB node: its storage engine (opened on the data directory, which recovers it), its commands and
 * its wire server, started in that order and stopped in the reverse one. Start and stop block until done, so call
 * them from a worker or main thread, never from an event loop.
 */
public final class Node implements AutoCloseable {
    private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NodeConfig config;
    private final RamLog globalLog = new RamLog("global", 1024);
    private final RamLog startupWarnings = new RamLog("startupWarnings", 64);
    private final WireServer wireServer;
    private final ServerParameters parameters = new ServerParameters();
    private final Store store = new Store(new OpenCursors(parameters::cursorTimeoutMillis, System::nanoTime));
    private volatile TtlMonitor ttlMonitor;
    private volatile Connection storage;
    private volatile ReplicaSetView replicaSet;
    private volatile boolean running;

    private Node(NodeConfig config, Vertx vertx, MeterRegistry meters) {
        this.config = config;
        List<Command> all = new ArrayList<>(List.of(
                new HelloCommand(() -> replicaSet),
                new PingCommand(),
                new BuildInfoCommand(),
                new GetParameterCommand(Map.of(), parameters),
                new SetParameterCommand(parameters),
                new GetLogCommand(List.of(globalLog, startupWarnings)),
                new GetCmdLineOptsCommand(parsedOptions(config)),
                new WhatsMyUriCommand(),
                new ConnectionStatusCommand(),
                new EndSessionsCommand(),
                new ListDatabasesCommand(store),
                new ListCollectionsCommand(store),
                new CreateCommand(store),
                new DropCommand(store),
                new DropDatabaseCommand(store),
                new RenameCollectionCommand(store),
                new InsertCommand(store),
                new DeleteCommand(store),
                new FindCommand(store),
                new UpdateCommand(store),
                new FindAndModifyCommand(store),
                new CountCommand(store),
                new DistinctCommand(store),
                new ExplainCommand(store)));
        all.addAll(IndexCommands.of(store));
        all.addAll(CursorCommands.of(store));
        all.addAll(StatsCommands.of(store));
        WireMetrics wireMetrics = new WireMetrics(meters);
        OpCounters opCounters = new OpCounters();
        CurrentOps currentOps = new CurrentOps();
        ServerProcess process = new ServerProcess(this::port, wireMetrics::openConnections, () ->
                (long) meters.counter("wrongodb.connections.accepted").count());
        CurrentOpCommand currentOp = new CurrentOpCommand(process, currentOps);
        all.addAll(List.of(
                new AggregateCommand(store, currentOp),
                new ServerStatusCommand(process, opCounters, currentOps, () -> ttlMonitor),
                new HostInfoCommand(process),
                new ValidateCommand(store),
                new CollModCommand(store),
                currentOp,
                new KillOpCommand(currentOps),
                new DataSizeCommand(store)));
        all.add(ListCommandsCommand.over(all));
        CommandRegistry commands = CommandRegistry.of(all);
        CommandDispatcher dispatcher =
                new CommandDispatcher(commands, new CommandMetrics(meters), opCounters, currentOps);
        this.wireServer = new WireServer(vertx, new WireRequestHandler(dispatcher), wireMetrics, globalLog);
    }

    /** Opens the data directory and starts listening; returns once clients can connect. */
    public static Node start(NodeConfig config, Vertx vertx, MeterRegistry meters) {
        Node node = new Node(config, vertx, meters);
        node.open();
        return node;
    }

    private void open() {
        try {
            Files.createDirectories(config.dbPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dbPath(), e);
        }
        storage = Connection.open(config.dbPath(), storageConfig(config));
        try {
            store.attach(Catalog.open(storage));
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        if (storage.recovery().recordsReplayed() > 0) {
            globalLog.write(
                    'I',
                    "RECOVERY",
                    22430,
                    "initandlisten",
                    "Replayed " + storage.recovery().recordsReplayed() + " log records written after the last"
                            + " checkpoint");
        }
        startupWarnings.write(
                'W',
                "CONTROL",
                22120,
                "initandlisten",
                "Access control is not enabled for the database. Read and write access to data and configuration is "
                        + "unrestricted");
        int port;
        try {
            port = await(wireServer.listen(config.bindHost(), config.port()).toCompletionStage());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        if (config.role() == NodeRole.PRIMARY) {
            // A secondary deletes expired documents when its primary's deletions reach it, as in MongoDB.
            ttlMonitor = new TtlMonitor(store, parameters, java.time.Clock.systemUTC());
            ttlMonitor.start();
        }
        replicaSet = new ReplicaSetView(
                config.role(), config.replicaSet(), config.nodeName().orElse("localhost:" + port), config.syncSource());
        running = true;
        globalLog.write('I', "NETWORK", 23016, "listener", "Waiting for connections on port " + port);
    }

    public NodeConfig config() {
        return config;
    }

    /** The port clients connect to (the bound one, when the config asked for port 0). */
    public int port() {
        return wireServer.port();
    }

    public ReplicaSetView replicaSet() {
        return replicaSet;
    }

    /** The storage engine, open (and recovered) while the node runs. */
    public Connection storage() {
        return storage;
    }

    /** The engine's settings from the node's: cache size, checkpoint interval, journal commit interval. */
    static StorageConfig storageConfig(NodeConfig config) {
        StorageConfig defaults = StorageConfig.defaults();
        return defaults.withCacheSize(config.cacheSizeBytes())
                .withCheckpointInterval(config.checkpointInterval())
                .withWal(new WalConfig(defaults.wal().fileSize(), config.journalCommitInterval()));
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Stops listening and closes every client connection, then closes the storage engine (which checkpoints); the
     * Vert.x instance is left running.
     */
    @Override
    public void close() {
        running = false;
        try {
            await(wireServer.close().toCompletionStage());
        } finally {
            TtlMonitor monitor = ttlMonitor;
            if (monitor != null) {
                monitor.close();
            }
            Connection open = storage;
            if (open != null) {
                open.close();
            }
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting or stopping the node", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the node failed to start or stop: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not start or stop within " + START_STOP_TIMEOUT, e);
        }
    }

    /** The node's settings in the shape of MongoDB's parsed options, for {@code getCmdLineOpts}. */
    private static BsonDocument parsedOptions(NodeConfig config) {
        BsonDocument parsed = new BsonDocument(
                        "net",
                        new BsonDocument("bindIp", new BsonString(config.bindHost()))
                                .append("port", new BsonInt32(config.port())))
                .append(
                        "storage",
                        new BsonDocument(
                                "dbPath", new BsonString(config.dbPath().toString())));
        config.replicaSet()
                .ifPresent(name -> parsed.append("replication", new BsonDocument("replSetName", new BsonString(name))));
        BsonDocument wrongodb =
                new BsonDocument("role", new BsonString(config.role().name().toLowerCase()));
        config.syncSource().ifPresent(source -> wrongodb.append("syncSource", new BsonString(source)));
        return parsed.append("wrongodb", wrongodb);
    }
}
