package io.wrongodb.command;

import io.wrongodb.aggregate.Pipeline;
import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.catalog.ViewDefinition;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reading through views, as MongoDB does: a view's documents are its pipeline run over its source, and a view on a
 * view stacks the pipelines down to a collection (at most {@value #MAX_DEPTH} deep). Reads of a view (find, count,
 * distinct, aggregate, {@code $lookup}) become one aggregation over that collection; writes are refused (166).
 */
final class ViewReads {
    static final int MAX_DEPTH = 20;

    /** The collection under a view and the stages that make the view's documents from it. */
    record Resolved(Namespace collection, List<BsonValue> pipeline) {}

    private ViewReads() {}

    /** What {@code ns} reads from, or null when it is not a view. */
    static Resolved resolve(Catalog catalog, Namespace ns) {
        Optional<ViewDefinition> view = catalog.view(ns);
        if (view.isEmpty()) {
            return null;
        }
        List<BsonValue> stages = new ArrayList<>();
        int depth = 0;
        Namespace current = ns;
        while (view.isPresent()) {
            if (++depth > MAX_DEPTH) {
                throw new MongoServerException(
                        ErrorCode.VIEW_DEPTH_LIMIT_EXCEEDED,
                        "View depth too deep or view cycle detected. Maximum depth is " + MAX_DEPTH);
            }
            stages.addAll(0, view.get().pipeline()); // the inner view's stages run first
            current = view.get().source();
            view = catalog.view(current);
        }
        return new Resolved(current, stages);
    }

    /** The documents of {@code ns}, a collection (planned with {@code hint}) or a view, that {@code filter} matches. */
    static List<BsonDocument> matching(Store store, Namespace ns, Filter filter, BsonValue hint) {
        if (store.catalog().view(ns).isPresent()) {
            return documents(store, ns, List.of(new BsonDocument("$match", filter.spec())));
        }
        return store.run(ns, filter, hint).readAll(store.storage());
    }

    /** The documents of {@code ns} (a collection or a view) after {@code more} stages. */
    static List<BsonDocument> documents(Store store, Namespace ns, List<BsonValue> more) {
        Resolved view = resolve(store.catalog(), ns);
        Namespace source = view == null ? ns : view.collection();
        List<BsonValue> stages = new ArrayList<>(view == null ? List.of() : view.pipeline());
        stages.addAll(more);
        Pipeline pipeline =
                Pipeline.parse(stages, new PipelineCollections(store, source.database(), source.collection()));
        return pipeline.apply(input(store, source, pipeline, null));
    }

    /** The documents of collection {@code source} the pipeline's leading {@code $match} selects, through the planner. */
    static List<BsonDocument> input(Store store, Namespace source, Pipeline pipeline, BsonValue hint) {
        if (!pipeline.readsCollection()) {
            return new ArrayList<>();
        }
        return store.run(source, Filter.parse(pipeline.leadingMatch()), hint).readAll(store.storage());
    }
}
