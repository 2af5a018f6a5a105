package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Parses aggregation expressions: a string starting with {@code $} is a field path ({@code $$} a variable), a
 * document whose one field starts with {@code $} an operator, any other document or array a composite of
 * expressions, anything else a constant.
 */
final class ExpressionParser {
    private static final Set<String> UNSUPPORTED_VARIABLES =
            Set.of("NOW", "CLUSTER_TIME", "USER_ROLES", "SEARCH_META", "DESCEND", "PRUNE", "KEEP");

    private ExpressionParser() {}

    static Expression parse(BsonValue spec) {
        if (spec.isString()) {
            String text = spec.asString().getValue();
            return text.startsWith("$") ? fieldPath(text) : new ConstantExpression(spec);
        }
        if (spec.isArray()) {
            List<Expression> elements = new ArrayList<>();
            for (BsonValue element : spec.asArray()) {
                elements.add(parse(element));
            }
            return new ArrayExpression(elements);
        }
        if (spec.isDocument()) {
            BsonDocument document = spec.asDocument();
            if (!document.isEmpty() && document.getFirstKey().startsWith("$")) {
                if (document.size() != 1) {
                    throw MongoServerException.location(
                            15983,
                            "an expression specification must contain exactly one field, the name of the"
                                    + " expression. Found " + document.size() + " fields in "
                                    + BsonText.of(document) + ", while parsing object " + BsonText.of(document));
                }
                return operator(document.getFirstKey(), document.get(document.getFirstKey()));
            }
            return object(document);
        }
        return new ConstantExpression(spec);
    }

    private static Expression object(BsonDocument document) {
        Map<String, Expression> fields = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            String name = field.getKey();
            if (name.isEmpty()) {
                throw MongoServerException.location(15998, "FieldPath field names may not be empty strings.");
            }
            if (name.startsWith("$")) {
                throw MongoServerException.location(
                        16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
            if (name.contains(".")) {
                throw MongoServerException.location(16412, "FieldPath field names may not contain '.'.");
            }
            fields.put(name, parse(field.getValue()));
        }
        return new ObjectExpression(fields);
    }

    private static Expression fieldPath(String text) {
        String path;
        boolean remove = false;
        if (text.startsWith("$$")) {
            String rest = text.substring(2);
            int dot = rest.indexOf('.');
            String variable = dot < 0 ? rest : rest.substring(0, dot);
            path = dot < 0 ? "" : rest.substring(dot + 1);
            if (variable.isEmpty()) {
                throw MongoServerException.location(16869, "empty variable names are not allowed");
            }
            switch (variable) {
                case "ROOT", "CURRENT" -> {}
                case "REMOVE" -> remove = true;
                default -> {
                    if (UNSUPPORTED_VARIABLES.contains(variable)) {
                        throw new MongoServerException(
                                ErrorCode.NOT_IMPLEMENTED, "$$" + variable + " is not supported by WrongoDB");
                    }
                    throw MongoServerException.location(17276, "Use of undefined variable: " + variable);
                }
            }
            if (dot >= 0) {
                checkPath(path);
            }
        } else {
            if (text.length() == 1) {
                throw MongoServerException.location(16872, "'$' by itself is not a valid FieldPath");
            }
            path = text.substring(1);
            checkPath(path);
        }
        return new FieldPathExpression(path.isEmpty() ? new String[0] : path.split("\\.", -1), remove);
    }

    private static void checkPath(String path) {
        for (String component : path.split("\\.", -1)) {
            if (component.isEmpty()) {
                throw MongoServerException.location(15998, "FieldPath field names may not be empty strings.");
            }
            if (component.startsWith("$")) {
                throw MongoServerException.location(
                        16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
    }

    private static Expression operator(String name, BsonValue argument) {
        if (name.equals("$literal")) {
            return new ConstantExpression(argument);
        }
        if (name.equals("$cond") && argument.isDocument()) {
            return condition(argument.asDocument());
        }
        List<Expression> arguments = arguments(argument);
        switch (name) {
            case "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$cmp" -> {
                arity(name, arguments, 2);
                return new ComparisonExpression(name, arguments.get(0), arguments.get(1));
            }
            case "$and", "$or" -> {
                return new LogicalExpression(name, arguments);
            }
            case "$not" -> {
                arity(name, arguments, 1);
                return new LogicalExpression(name, arguments);
            }
            case "$add", "$multiply" -> {
                return new ArithmeticExpression(name, arguments);
            }
            case "$subtract", "$divide", "$mod" -> {
                arity(name, arguments, 2);
                return new ArithmeticExpression(name, arguments);
            }
            case "$abs" -> {
                arity(name, arguments, 1);
                return new ArithmeticExpression(name, arguments);
            }
            case "$cond" -> {
                arity(name, arguments, 3);
                return new ConditionalExpression(name, arguments);
            }
            case "$ifNull" -> {
                if (arguments.size() < 2) {
                    throw MongoServerException.location(
                            1257300, "$ifNull needs at least two arguments, had: " + arguments.size());
                }
                return new ConditionalExpression(name, arguments);
            }
            case "$size", "$type" -> {
                arity(name, arguments, 1);
                return new ArrayOperatorExpression(name, arguments);
            }
            case "$in" -> {
                arity(name, arguments, 2);
                return new ArrayOperatorExpression(name, arguments);
            }
            default ->
                throw new MongoServerException(
                        ErrorCode.INVALID_PIPELINE_OPERATOR, "Unrecognized expression '" + name + "'");
        }
    }

    /** An operator's arguments: the elements of an array, or the one value given. */
    private static List<Expression> arguments(BsonValue argument) {
        List<Expression> arguments = new ArrayList<>();
        if (argument.isArray()) {
            for (BsonValue element : argument.asArray()) {
                arguments.add(parse(element));
            }
        } else {
            arguments.add(parse(argument));
        }
        return arguments;
    }

    private static void arity(String name, List<Expression> arguments, int expected) {
        if (arguments.size() != expected) {
            throw MongoServerException.location(
                    16020,
                    "Expression " + name + " takes exactly " + expected + " arguments. " + arguments.size()
                            + " were passed in.");
        }
    }

    private static Expression condition(BsonDocument spec) {
        Expression ifExpression = null;
        Expression thenExpression = null;
        Expression elseExpression = null;
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            switch (field.getKey()) {
                case "if" -> ifExpression = parse(field.getValue());
                case "then" -> thenExpression = parse(field.getValue());
                case "else" -> elseExpression = parse(field.getValue());
                default ->
                    throw MongoServerException.location(17083, "Unrecognized parameter to $cond: " + field.getKey());
            }
        }
        if (ifExpression == null) {
            throw MongoServerException.location(17080, "Missing 'if' parameter to $cond");
        }
        if (thenExpression == null) {
            throw MongoServerException.location(17081, "Missing 'then' parameter to $cond");
        }
        if (elseExpression == null) {
            throw MongoServerException.location(17082, "Missing 'else' parameter to $cond");
        }
        return new ConditionalExpression("$cond", List.of(ifExpression, thenExpression, elseExpression));
    }
}
