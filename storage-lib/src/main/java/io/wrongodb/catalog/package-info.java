/**
 * The catalog: which databases and collections exist, each collection's UUID, options and indexes, and the engine
 * tables that hold them. It is durable in the engine itself, in a table of its own, and changes to it commit like
 * any other write. A database exists while it holds a collection, as in MongoDB.
 */
package io.wrongodb.catalog;
