/**
 * What every part of the storage engine shares: its exception and the named fault points crash tests arm.
 * WiredTiger keeps the same kind of thing in {@code src/support}. Imports nothing else of the engine.
 */
package io.wrongodb.storage.support;
