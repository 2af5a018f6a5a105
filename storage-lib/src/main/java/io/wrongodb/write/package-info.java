/**
 * Writes of documents: a document goes into its collection's table and its keys into every index table, in the
 * caller's engine transaction, so a document and its index entries commit together or not at all.
 */
package io.wrongodb.write;
