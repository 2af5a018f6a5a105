/**
 * Multi-version concurrency control: transactions, snapshots, the versions a write leaves in a leaf page, and
 * who sees which. This package knows nothing of trees or logs; it sits just above the block file, so that pages
 * can hold version chains and trees can ask what a snapshot sees. Committing through the log is the storage API's
 * work ({@code io.wrongodb.storage.Session}).
 */
package io.wrongodb.storage.txn;
