package io.wrongodb.query;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import org.bson.BsonDocument;

/**
 * One query being answered, batch by batch: documents from a {@link DocumentScan}, kept if the filter matches,
 * sorted (reading everything first, unless the plan's order is the sort), then skipped, limited and projected.
 * Each batch runs in a fresh engine session, so a cursor holds no snapshot between batches.
 */
public final class QueryRun implements Results {
    private final DocumentScan scan;
    private final Filter filter;
    private final boolean matchAll;
    private final Comparator<BsonDocument> sort;
    private final BiFunction<BsonDocument, MatchDetails, BsonDocument> projection;
    private long toSkip;
    private final long limit;
    private long returned;
    private Iterator<Matched> sorted;
    private boolean exhausted;

    private record Matched(BsonDocument document, MatchDetails details) {}

    /**
     * @param collection null for a collection that does not exist (the query returns nothing)
     * @param sort null when the plan's order is the order wanted
     * @param limit 0 for no limit
     * @param projection null to return whole documents
     */
    public QueryRun(
            CollectionInfo collection,
            Plan plan,
            Filter filter,
            Comparator<BsonDocument> sort,
            long skip,
            long limit,
            BiFunction<BsonDocument, MatchDetails, BsonDocument> projection) {
        this.scan = collection == null ? null : new DocumentScan(collection, plan);
        this.filter = filter;
        this.matchAll = filter.spec().isEmpty();
        this.sort = plan.providesSort() ? null : sort;
        this.toSkip = skip;
        this.limit = limit;
        this.projection = projection;
        this.exhausted = collection == null;
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    public long keysExamined() {
        return scan == null ? 0 : scan.keysExamined();
    }

    public long documentsExamined() {
        return scan == null ? 0 : scan.documentsExamined();
    }

    public long returned() {
        return returned;
    }

    /** Every remaining result, for commands that answer with all of them at once (count, distinct, aggregate). */
    public List<BsonDocument> readAll(Connection storage) {
        List<BsonDocument> all = new java.util.ArrayList<>();
        while (!isExhausted()) {
            all.addAll(nextBatch(storage, 0, Integer.MAX_VALUE));
        }
        return all;
    }

    /** Up to {@code maxDocuments} more results (0 for no count limit), stopping early past {@code maxBytes}. */
    @Override
    public List<BsonDocument> nextBatch(Connection storage, int maxDocuments, int maxBytes) {
        List<BsonDocument> batch = new ArrayList<>();
        if (exhausted) {
            return batch;
        }
        try (Session session = storage.openSession()) {
            scan.attach(session);
            if (sort != null && sorted == null) {
                sorted = readAllSorted();
            }
            long bytes = 0;
            while ((maxDocuments == 0 || batch.size() < maxDocuments) && bytes < maxBytes) {
                if (limit > 0 && returned >= limit) {
                    exhausted = true;
                    break;
                }
                Matched next = nextMatch();
                if (next == null) {
                    exhausted = true;
                    break;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                BsonDocument out =
                        projection == null ? next.document() : projection.apply(next.document(), next.details());
                batch.add(out);
                returned++;
                bytes += DocumentBytes.encode(out).length;
            }
            if (!exhausted && limit > 0 && returned >= limit) {
                exhausted = true;
            }
        }
        return batch;
    }

    private Matched nextMatch() {
        if (sorted != null) {
            return sorted.hasNext() ? sorted.next() : null;
        }
        while (true) {
            BsonDocument document = scan.next();
            if (document == null) {
                return null;
            }
            MatchDetails details = new MatchDetails();
            if (matchAll || filter.matches(document, details)) {
                return new Matched(document, details);
            }
        }
    }

    private Iterator<Matched> readAllSorted() {
        List<Matched> all = new ArrayList<>();
        while (true) {
            BsonDocument document = scan.next();
            if (document == null) {
                break;
            }
            MatchDetails details = new MatchDetails();
            if (matchAll || filter.matches(document, details)) {
                all.add(new Matched(document, details));
            }
        }
        all.sort((a, b) -> sort.compare(a.document(), b.document()));
        return all.iterator();
    }
}
