/**
 * The storage engine's public API, built the way WiredTiger is: {@link io.wrongodb.storage.Connection} opens a
 * directory, {@link io.wrongodb.storage.Session}s open {@link io.wrongodb.storage.TableCursor}s on tables, and
 * {@code checkpoint()} makes the current state durable. Everything lives in one block file; a metadata table lists
 * the tables and their roots. Below: support, block, page, cache, btree, in that order; none imports one above it.
 */
package io.wrongodb.storage;
