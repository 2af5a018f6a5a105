package io.wrongodb.query;

/**
 * A node of a parsed update: the update's paths merged into a tree, so that each part of a path is visited once
 * and two operators on the same path, or on a path and its prefix, are found while parsing. Inner nodes walk the
 * document ({@link DocumentNode}, {@link ArrayElementsNode}); leaves are {@link Modifier}s.
 */
abstract class UpdateNode {
    /** Applies this node at {@code target}, changing the document in place. */
    abstract void apply(UpdateTarget target, UpdateContext context);
}
