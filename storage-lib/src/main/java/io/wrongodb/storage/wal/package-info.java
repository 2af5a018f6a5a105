/**
 * The write-ahead log: numbered, pre-allocated log files of 8-byte-aligned, CRC-32C-checked records addressed by
 * LSN; one writer thread that group-commits (one fsync for every commit that arrived while the last one ran); and
 * the recovery scan that replays from a checkpoint's LSN, cuts a torn tail and refuses to pass a damaged record
 * that was synced. The records' payloads belong to the engine above; this package only frames them.
 */
package io.wrongodb.storage.wal;
