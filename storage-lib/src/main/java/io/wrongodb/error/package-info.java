/**
 * MongoDB's error vocabulary: the codes and names clients match on, and the exception that carries one to the
 * reply. Everything above the storage engine may import this package; the storage engine itself raises its own
 * exceptions (a write conflict, a checksum error) and the layers above translate them.
 */
package io.wrongodb.error;
