package io.wrongodb.aggregate;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * What a pipeline may ask of the node's collections, for the stages that read another collection ({@code $lookup},
 * {@code $unionWith}), report on one ({@code $collStats}) or write one ({@code $out}, {@code $merge}). The command
 * layer implements it over its store, so this package does not depend on how commands read and write.
 */
public interface CollectionAccess {
    /** The database the pipeline runs in. */
    String database();

    /** The collection the pipeline runs on, or null for a database-level aggregate. */
    String collection();

    /** The documents of {@code collection} (in this database) that {@code filter} matches; none if it is missing. */
    List<BsonDocument> read(String collection, BsonDocument filter);

    /** The host name and port, as {@code $collStats} reports it. */
    String host();

    /** The same access for a pipeline on another collection of the database (a {@code $unionWith}'s). */
    CollectionAccess on(String collection);

    /** The number of documents in the pipeline's collection, or null when it does not exist. */
    Long count();

    /**
     * The {@code storageStats} of the pipeline's collection with sizes divided by {@code scale}, the same figures
     * {@code collStats} reports; null when the collection does not exist.
     */
    BsonDocument storageStats(long scale);

    /**
     * Replaces the whole contents of a collection by {@code documents}, keeping its indexes: written into a
     * temporary collection that is then renamed over the target, so readers see the old or the new contents.
     */
    void replaceContents(String database, String collection, List<BsonDocument> documents);

    /** Whether the collection has a unique index on exactly {@code fields} (the {@code _id} index counts). */
    boolean hasUniqueIndex(String database, String collection, Set<String> fields);

    /**
     * In one write transaction (the collection created if missing): finds the document {@code match} selects, hands
     * it (or null) to {@code decide}, and stores what that returns — an insert when nothing matched, a replace
     * otherwise; null writes nothing.
     */
    void writeOne(String database, String collection, BsonDocument match, UnaryOperator<BsonDocument> decide);
}
