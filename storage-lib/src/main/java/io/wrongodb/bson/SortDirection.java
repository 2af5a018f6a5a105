package io.wrongodb.bson;

/** The direction of one field of an index key pattern or a sort: 1 or -1. */
public enum SortDirection {
    ASCENDING,
    DESCENDING
}
