package io.wrongodb.query;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The variables an expression sees while it is evaluated: {@code $$ROOT} (the document), {@code $$CURRENT} (the
 * document unless {@code $let} rebinds it), and the user variables bound by {@code $let}, {@code $map},
 * {@code $filter} and {@code $reduce}. Immutable: binding a variable gives a new scope whose parent is this one, so
 * an inner binding hides an outer one of the same name. A variable may be bound to missing (Java null).
 */
final class Variables {
    private final BsonDocument root;
    private final Variables parent;
    private final String name;
    private final BsonValue value;

    private Variables(BsonDocument root, Variables parent, String name, BsonValue value) {
        this.root = root;
        this.parent = parent;
        this.name = name;
        this.value = value;
    }

    /** The scope of a document with no user variables. */
    static Variables of(BsonDocument root) {
        return new Variables(root, null, null, null);
    }

    BsonDocument root() {
        return root;
    }

    /** A scope in which {@code name} is {@code value} and everything else is as here. */
    Variables with(String name, BsonValue value) {
        return new Variables(root, this, name, value);
    }

    /**
     * The value of a variable; the parser has made sure it is bound. {@code CURRENT} is the root unless rebound.
     */
    BsonValue get(String variable) {
        if (variable.equals("ROOT")) {
            return root;
        }
        for (Variables scope = this; scope != null; scope = scope.parent) {
            if (variable.equals(scope.name)) {
                return scope.value;
            }
        }
        if (variable.equals("CURRENT")) {
            return root;
        }
        throw new IllegalStateException("unbound variable " + variable);
    }
}
