package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * A parsed find projection, such as {@code {a: 1, "b.c": 1, _id: 0}} or {@code {tags: {$slice: 2}}}: parse once,
 * then apply to each matching document. It follows MongoDB 7.0's find projection: inclusion or exclusion (never both,
 * except for {@code _id}), {@code _id} kept unless excluded, dotted paths and nested sub-projections through
 * documents and arrays of documents, literal values, {@code $literal}, {@code $slice}, {@code $elemMatch} and the
 * positional {@code a.$}. Output fields keep the input document's order; computed fields (literals and
 * {@code $elemMatch} in an inclusion) follow them in the order the projection names them.
 *
 * <p>Other values are aggregation {@link Expression}s: field paths ({@code {x: "$a"}}), variables and operators
 * like {@code $add}. {@code $meta} is rejected with {@code NotImplemented}.
 */
public final class Projection {
    private final BsonDocument spec;
    private final ProjectionNode root;
    private final List<ArrayStep> arraySteps;
    private final boolean inclusion;
    private final boolean positional;

    private Projection(BsonDocument spec, ProjectionParser.Parsed parsed) {
        this.spec = spec;
        this.inclusion = parsed.inclusion();
        this.positional = parsed.positional();
        this.root = new ProjectionNode(inclusion);
        this.arraySteps = new ArrayList<>();
        build(parsed.root(), new ArrayList<>());
    }

    /** Parses a projection; throws {@link MongoServerException} with MongoDB's code for an invalid one. */
    public static Projection parse(BsonDocument spec) {
        return new Projection(spec, ProjectionParser.parse(spec));
    }

    /** The projection as the client sent it. */
    public BsonDocument spec() {
        return spec;
    }

    /** True for {@code {}}: documents are returned whole. */
    public boolean isEmpty() {
        return spec.isEmpty();
    }

    /** True if it keeps only the fields it names; false if it drops the fields it names. */
    public boolean isInclusion() {
        return inclusion;
    }

    /** True if it has a positional {@code a.$}, which needs the array position the filter's match recorded. */
    public boolean usesMatchPosition() {
        return positional;
    }

    /**
     * The projected copy of {@code document}; the document itself is not changed. {@code details} is the one the
     * filter filled in when it matched this document; only a positional projection reads it, and may be null
     * otherwise. Throws {@link MongoServerException} (51246) if a positional projection finds no recorded position.
     */
    public BsonDocument apply(BsonDocument document, MatchDetails details) {
        if (isEmpty()) {
            return document;
        }
        BsonDocument projected =
                ProjectionNode.withoutMissing(root.apply(document)).asDocument();
        for (ArrayStep step : arraySteps) {
            projected = step.apply(projected, document, details);
        }
        return projected;
    }

    private void build(ProjectionParser.PathNode level, List<String> prefix) {
        for (Map.Entry<String, Object> child : level.children.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(child.getKey());
            if (child.getValue() instanceof ProjectionParser.PathNode inner) {
                build(inner, path);
            } else {
                addLeaf(List.copyOf(path), (ProjectionParser.Leaf) child.getValue());
            }
        }
    }

    private void addLeaf(List<String> path, ProjectionParser.Leaf leaf) {
        if (leaf instanceof ProjectionParser.Include) {
            // Only _id can be included in an exclusion, and the parser already dropped that.
            if (inclusion) {
                root.addProjection(path);
            }
        } else if (leaf instanceof ProjectionParser.Exclude) {
            // In an inclusion, only _id can be excluded: leaving it out of the inclusion is enough.
            if (!inclusion) {
                root.addProjection(path);
            }
        } else if (leaf instanceof ProjectionParser.Computed computed) {
            root.addComputed(path, computed.field());
        } else if (leaf instanceof ProjectionParser.Slice slice) {
            if (inclusion) {
                root.addProjection(path);
            }
            arraySteps.add(new ArraySlice(path, slice.skip(), slice.limit()));
        } else if (leaf instanceof ProjectionParser.Positional) {
            root.addProjection(path);
            arraySteps.add(new PositionalElement(path));
        }
    }
}
