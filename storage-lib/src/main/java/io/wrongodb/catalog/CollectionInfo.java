package io.wrongodb.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;

/**
 * What the catalog knows of one collection: its namespace, its UUID (which survives a rename), the options it was
 * created with, the engine table holding its documents (key = key-encoded {@code _id}, value = the BSON document)
 * and its secondary indexes. Immutable: a change makes a new one.
 */
public record CollectionInfo(
        Namespace namespace, UUID uuid, String table, BsonDocument options, List<IndexSpec> indexes) {

    public CollectionInfo {
        indexes = List.copyOf(indexes);
    }

    public Optional<IndexSpec> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public CollectionInfo withIndexes(List<IndexSpec> newIndexes) {
        return new CollectionInfo(namespace, uuid, table, options, newIndexes);
    }

    public CollectionInfo renamed(Namespace to) {
        return new CollectionInfo(to, uuid, table, options, indexes);
    }

    public BsonBinary uuidBinary() {
        return new BsonBinary(uuid, UuidRepresentation.STANDARD);
    }

    BsonDocument toStored() {
        BsonArray stored = new BsonArray();
        indexes.forEach(i -> stored.add(i.toStored()));
        return new BsonDocument("ns", new BsonString(namespace.full()))
                .append("uuid", uuidBinary())
                .append("table", new BsonString(table))
                .append("options", options)
                .append("indexes", stored);
    }

    static CollectionInfo fromStored(BsonDocument doc) {
        List<IndexSpec> indexes = new ArrayList<>();
        for (BsonValue index : doc.getArray("indexes")) {
            indexes.add(IndexSpec.fromStored(index.asDocument()));
        }
        String ns = doc.getString("ns").getValue();
        int dot = ns.indexOf('.');
        return new CollectionInfo(
                new Namespace(ns.substring(0, dot), ns.substring(dot + 1)),
                doc.getBinary("uuid").asUuid(UuidRepresentation.STANDARD),
                doc.getString("table").getValue(),
                doc.getDocument("options"),
                indexes);
    }
}
