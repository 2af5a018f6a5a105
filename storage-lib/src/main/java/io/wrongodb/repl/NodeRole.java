package io.wrongodb.repl;

/** A node's fixed role: WrongoDB replicates from a primary to secondaries without elections. */
public enum NodeRole {
    PRIMARY,
    SECONDARY;

    public static NodeRole parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "primary" -> PRIMARY;
            case "secondary" -> SECONDARY;
            default -> throw new IllegalArgumentException("role must be primary or secondary, not '" + text + "'");
        };
    }
}
