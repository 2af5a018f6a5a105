/**
 * Pages: slotted leaf and internal page formats on disk, their materialized form in memory, the refs that join
 * parents to children, and values too large for a page (overflow blocks). Knows nothing of trees or caches.
 */
package io.wrongodb.storage.page;
