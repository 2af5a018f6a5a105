package io.wrongodb.catalog;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A view: a name in a database that reads as the aggregation {@code pipeline} over the collection (or view)
 * {@code viewOn} of the same database. It stores no documents. Stored in the catalog's view table as
 * {@code {viewOn, pipeline}} under its namespace.
 */
public record ViewDefinition(Namespace namespace, String viewOn, List<BsonDocument> pipeline) {

    public ViewDefinition {
        pipeline = List.copyOf(pipeline);
    }

    /** The namespace the view reads from. */
    public Namespace source() {
        return Namespace.of(namespace.database(), viewOn);
    }

    /** The options listCollections shows: {@code {viewOn, pipeline}}. */
    public BsonDocument options() {
        BsonArray stages = new BsonArray();
        pipeline.forEach(stage -> stages.add(stage.clone()));
        return new BsonDocument("viewOn", new BsonString(viewOn)).append("pipeline", stages);
    }

    BsonDocument toStored() {
        return new BsonDocument("ns", new BsonString(namespace.full())).append("options", options());
    }

    static ViewDefinition fromStored(BsonDocument stored) {
        Namespace ns = Namespace.parse(stored.getString("ns").getValue());
        BsonDocument options = stored.getDocument("options");
        List<BsonDocument> stages = new ArrayList<>();
        for (BsonValue stage : options.getArray("pipeline")) {
            stages.add(stage.asDocument());
        }
        return new ViewDefinition(ns, options.getString("viewOn").getValue(), stages);
    }
}
