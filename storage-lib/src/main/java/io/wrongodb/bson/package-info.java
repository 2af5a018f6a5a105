/**
 * BSON values as the database sees them: MongoDB's order over all values ({@link io.wrongodb.bson.BsonOrder}) and
 * the byte encoding of keys that keeps that order ({@link io.wrongodb.bson.KeyEncoding}), so that the storage
 * engine, which compares keys only as bytes, sorts documents by {@code _id} and index entries the way MongoDB does.
 * The storage engine never imports this package: it is handed the bytes.
 */
package io.wrongodb.bson;
