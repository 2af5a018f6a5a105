package io.wrongodb.aggregate;

import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $sample: {size}}: that many documents of the input, chosen at random and in random order, without repeats. */
final class SampleStage implements Stage {
    private final long size;

    private SampleStage(long size) {
        this.size = size;
    }

    static SampleStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(28745, "the $sample stage specification must be an object");
        }
        Long size = null;
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            if (!option.getKey().equals("size")) {
                throw MongoServerException.location(28748, "unrecognized option to $sample: " + option.getKey());
            }
            if (!option.getValue().isNumber()) {
                throw MongoServerException.location(28746, "size argument to $sample must be a number");
            }
            size = option.getValue().asNumber().longValue();
            if (size < 0) {
                throw MongoServerException.location(28747, "size argument to $sample must not be negative");
            }
        }
        if (size == null) {
            throw MongoServerException.location(28749, "$sample stage must specify a size");
        }
        return new SampleStage(size);
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> shuffled = new ArrayList<>(input);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled.subList(0, (int) Math.min(size, shuffled.size()));
    }
}
