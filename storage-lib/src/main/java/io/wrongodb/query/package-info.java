/**
 * Queries over BSON documents, independent of where the documents are stored: the filter matcher
 * ({@link io.wrongodb.query.Filter}), projection, sort order and update operators. Everything here works on
 * {@link org.bson.BsonDocument}s in memory; the planner that picks an index lives with the collections that have
 * them.
 */
package io.wrongodb.query;
