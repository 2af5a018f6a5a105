/**
 * The block file: a header, two checkpoint slots, and CRC-32C-checked blocks of any multiple of the allocation
 * unit, with best-fit allocation. Invariant: no block that the last durable checkpoint references is ever
 * overwritten; space it frees becomes reusable only once the next checkpoint is durable.
 */
package io.wrongodb.storage.block;
