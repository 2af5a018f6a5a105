package io.wrongodb.aggregate;

import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The {@code let} of a {@code $lookup}: variables computed from each input document and used as {@code $$name} in
 * the sub-pipeline. Stages are parsed before their documents are seen and know no variables from outside the
 * pipeline, so the sub-pipeline is rewritten for each set of values: every {@code "$$name"} or
 * {@code "$$name.path"} becomes {@code {$literal: value}} ({@code "$$REMOVE"} when the value is missing), and the
 * rewritten pipeline is parsed as usual (and kept for the next document with the same values). A string
 * {@code "$$name"} compared literally outside {@code $expr} is rewritten too, where MongoDB would compare the
 * string itself.
 */
final class LetVariables {
    private final Map<String, Expression> variables;

    private LetVariables(Map<String, Expression> variables) {
        this.variables = variables;
    }

    static LetVariables parse(BsonDocument spec) {
        Map<String, Expression> variables = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> variable : spec.entrySet()) {
            String name = variable.getKey();
            if (name.isEmpty()) {
                throw MongoServerException.location(16866, "empty variable names are not allowed");
            }
            char first = name.charAt(0);
            if (!(Character.isLowerCase(first) || first > 127)) {
                throw MongoServerException.location(
                        16867, "'" + name + "' starts with an invalid character for a user variable name");
            }
            for (char c : name.toCharArray()) {
                if (!(Character.isLetterOrDigit(c) || c == '_' || c > 127)) {
                    throw MongoServerException.location(
                            16868, "'" + name + "' contains an invalid character for a variable name: '" + c + "'");
                }
            }
            variables.put(name, Expression.parse(variable.getValue()));
        }
        return new LetVariables(variables);
    }

    boolean isEmpty() {
        return variables.isEmpty();
    }

    /** The variables' values for one input document (a missing value is left out). */
    BsonDocument valuesFor(BsonDocument input) {
        BsonDocument values = new BsonDocument();
        variables.forEach((name, expression) -> {
            BsonValue value = expression.evaluate(input);
            if (value != null) {
                values.append(name, value);
            }
        });
        return values;
    }

    /** {@code spec} with the variables replaced by their {@code values}. */
    BsonValue substitute(BsonValue spec, BsonDocument values) {
        if (spec.isString()) {
            String text = spec.asString().getValue();
            if (!text.startsWith("$$")) {
                return spec;
            }
            String path = text.substring(2);
            int dot = path.indexOf('.');
            String name = dot < 0 ? path : path.substring(0, dot);
            if (!variables.containsKey(name)) {
                return spec;
            }
            BsonValue value = Expression.parse(new BsonString("$" + path)).evaluate(values);
            return value == null ? new BsonString("$$REMOVE") : new BsonDocument("$literal", value);
        }
        if (spec.isDocument()) {
            BsonDocument out = new BsonDocument();
            spec.asDocument().forEach((k, v) -> out.append(k, k.equals("$literal") ? v : substitute(v, values)));
            return out;
        }
        if (spec.isArray()) {
            BsonArray out = new BsonArray();
            spec.asArray().forEach(v -> out.add(substitute(v, values)));
            return out;
        }
        return spec;
    }
}
