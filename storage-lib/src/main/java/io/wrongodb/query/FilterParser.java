package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Turns a filter document into {@link MatchNode}s, rejecting what MongoDB 7.0 rejects with its codes and messages.
 * A field's value is an equality, a regular expression, or a document of operators (its first field starts with
 * {@code $}); top-level {@code $} fields are the logical operators, {@code $expr} and {@code $comment}.
 */
final class FilterParser {
    /** Top-level operators: a document of operators whose first is one of these is a filter, not conditions. */
    private static final Set<String> PATHLESS = Set.of(
            "$and",
            "$or",
            "$nor",
            "$comment",
            "$expr",
            "$where",
            "$text",
            "$jsonSchema",
            "$alwaysTrue",
            "$alwaysFalse",
            "$sampleRate",
            "$ref",
            "$id",
            "$db");

    /** Field operators MongoDB knows; used where MongoDB asks "is this a query operator?". */
    private static final Set<String> FIELD_OPERATORS = Set.of(
            "$eq",
            "$ne",
            "$gt",
            "$gte",
            "$lt",
            "$lte",
            "$in",
            "$nin",
            "$exists",
            "$type",
            "$size",
            "$all",
            "$elemMatch",
            "$regex",
            "$options",
            "$mod",
            "$bitsAllSet",
            "$bitsAllClear",
            "$bitsAnySet",
            "$bitsAnyClear",
            "$geoWithin",
            "$within",
            "$geoIntersects",
            "$near",
            "$nearSphere",
            "$geoNear");

    private FilterParser() {}

    /** Parses a filter; {@code topLevel} is false for the filter inside {@code $elemMatch}. */
    static MatchNode parse(BsonDocument filter, boolean topLevel) {
        List<MatchNode> nodes = new ArrayList<>();
        for (Map.Entry<String, BsonValue> field : filter.entrySet()) {
            String name = field.getKey();
            BsonValue value = field.getValue();
            if (name.startsWith("$")) {
                MatchNode node = parseTopLevelOperator(name, value, topLevel);
                if (node != null) {
                    nodes.add(node);
                }
            } else if (isOperatorDocument(value, false)) {
                nodes.addAll(parseOperators(name, value.asDocument(), topLevel));
            } else if (value.isRegularExpression()) {
                nodes.add(regex(name, value));
            } else {
                nodes.add(comparison(name, ComparisonTest.Operator.EQ, value));
            }
        }
        return nodes.size() == 1 ? nodes.get(0) : new AndMatch(nodes);
    }

    private static MatchNode parseTopLevelOperator(String name, BsonValue value, boolean topLevel) {
        switch (name) {
            case "$and":
                return new AndMatch(parseBranches(name, value, topLevel));
            case "$or":
                return new OrMatch(parseBranches(name, value, topLevel), false);
            case "$nor":
                return new OrMatch(parseBranches(name, value, topLevel), true);
            case "$comment":
                return null;
            case "$expr":
                if (!topLevel) {
                    throw badValue("$expr can only be applied to the top-level document");
                }
                return new ExprMatch(Expression.parse(value));
            case "$ref":
            case "$id":
            case "$db":
                // The fields of a DBRef: plain equality on the field of that name.
                return comparison(name, ComparisonTest.Operator.EQ, value);
            case "$alwaysTrue":
            case "$alwaysFalse":
                return alwaysBoolean(name, value);
            case "$where":
                throw badValue("$where is not allowed in this context");
            case "$text":
                if (!topLevel) {
                    throw badValue("$text can only be applied to the top-level document");
                }
                throw new MongoServerException(ErrorCode.INDEX_NOT_FOUND, "text index required for $text query");
            case "$jsonSchema":
            case "$sampleRate":
                throw notSupported(name);
            default:
                String hint = name.equals("$not")
                        ? ". If you are trying to negate an entire expression, use $nor."
                        : ". If you have a field name that starts with a '$' symbol, consider using $getField"
                                + " or $setField.";
                throw badValue("unknown top level operator: " + name + hint);
        }
    }

    private static MatchNode alwaysBoolean(String name, BsonValue value) {
        long n;
        try {
            n = IntegerArgument.toLong(name, value);
        } catch (IntegerArgument.Refused e) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, e.getMessage());
        }
        if (n != 1) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, name + " must be an integer value of 1");
        }
        return name.equals("$alwaysTrue") ? new AndMatch(List.of()) : new NoMatch();
    }

    private static List<MatchNode> parseBranches(String name, BsonValue value, boolean topLevel) {
        if (!value.isArray()) {
            throw badValue(name + " must be an array");
        }
        if (value.asArray().isEmpty()) {
            throw badValue("$and/$or/$nor must be a nonempty array");
        }
        List<MatchNode> branches = new ArrayList<>();
        for (BsonValue branch : value.asArray()) {
            if (!branch.isDocument()) {
                throw badValue("$or/$and/$nor entries need to be full objects");
            }
            branches.add(parse(branch.asDocument(), topLevel));
        }
        return branches;
    }

    /**
     * A document of operators: not empty, its first field starts with {@code $}, and it is not a DBRef (which has
     * {@code $ref} and {@code $id}; with {@code allowIncompleteDbRef} any one of {@code $ref $id $db}).
     */
    static boolean isOperatorDocument(BsonValue value, boolean allowIncompleteDbRef) {
        if (!value.isDocument() || value.asDocument().isEmpty()) {
            return false;
        }
        BsonDocument document = value.asDocument();
        if (!document.getFirstKey().startsWith("$")) {
            return false;
        }
        boolean ref = document.containsKey("$ref");
        boolean id = document.containsKey("$id");
        boolean db = document.containsKey("$db");
        return allowIncompleteDbRef ? !(ref || id || db) : !(ref && id);
    }

    /** The conditions of {@code {name: {$op: ..., $op2: ...}}}, one per operator. */
    static List<MatchNode> parseOperators(String name, BsonDocument operators, boolean topLevel) {
        String first = operators.getFirstKey();
        if (first.equals("$near") || first.equals("$nearSphere") || first.equals("$geoNear")) {
            throw notSupported(first);
        }
        List<MatchNode> nodes = new ArrayList<>();
        for (Map.Entry<String, BsonValue> operator : operators.entrySet()) {
            MatchNode node = parseOperator(name, operator.getKey(), operator.getValue(), operators, topLevel);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static MatchNode parseOperator(
            String name, String operator, BsonValue value, BsonDocument operators, boolean topLevel) {
        switch (operator) {
            case "$eq":
                return comparison(name, ComparisonTest.Operator.EQ, value);
            case "$lt":
                return comparison(name, ComparisonTest.Operator.LT, value);
            case "$lte":
                return comparison(name, ComparisonTest.Operator.LTE, value);
            case "$gt":
                return comparison(name, ComparisonTest.Operator.GT, value);
            case "$gte":
                return comparison(name, ComparisonTest.Operator.GTE, value);
            case "$ne":
                if (value.isRegularExpression()) {
                    throw badValue("Can't have regex as arg to $ne.");
                }
                return new NotMatch(comparison(name, ComparisonTest.Operator.EQ, value));
            case "$in":
                return in(name, operator, value);
            case "$nin":
                return new NotMatch(in(name, operator, value));
            case "$exists":
                ExistsTest exists = new ExistsTest();
                PathMatch existsMatch = new PathMatch(name, exists, true);
                return isTruthy(value) ? existsMatch : new NotMatch(existsMatch);
            case "$type":
                return new PathMatch(name, TypeArgument.parse(name, value), true);
            case "$size":
                return size(name, value);
            case "$mod":
                return new PathMatch(name, mod(value), true);
            case "$regex":
                return regexDocument(name, operators);
            case "$options":
                if (!operators.containsKey("$regex")) {
                    throw badValue("$options needs a $regex");
                }
                return null;
            case "$not":
                return not(name, value, topLevel);
            case "$elemMatch":
                return elemMatch(name, value, topLevel);
            case "$all":
                return all(name, value, topLevel);
            case "$where":
                throw badValue("$where cannot be applied to a field");
            case "$bitsAllSet":
            case "$bitsAllClear":
            case "$bitsAnySet":
            case "$bitsAnyClear":
            case "$geoWithin":
            case "$within":
            case "$geoIntersects":
            case "$near":
            case "$nearSphere":
            case "$geoNear":
                throw notSupported(operator);
            default:
                throw badValue("unknown operator: " + operator);
        }
    }

    private static MatchNode comparison(String name, ComparisonTest.Operator operator, BsonValue value) {
        if (operator != ComparisonTest.Operator.EQ && value.isRegularExpression()) {
            throw badValue("Can't have RegEx as arg to predicate over field '" + name + "'.");
        }
        if (value.getBsonType() == BsonType.UNDEFINED) {
            throw badValue("cannot compare to undefined");
        }
        return new PathMatch(name, new ComparisonTest(operator, value), true);
    }

    private static MatchNode regex(String name, BsonValue value) {
        return new PathMatch(name, regexTest(value), true);
    }

    static RegexTest regexTest(BsonValue regex) {
        return new RegexTest(
                regex.asRegularExpression().getPattern(),
                regex.asRegularExpression().getOptions());
    }

    private static MatchNode regexDocument(String name, BsonDocument operators) {
        String pattern = "";
        String options = "";
        for (Map.Entry<String, BsonValue> operator : operators.entrySet()) {
            BsonValue value = operator.getValue();
            if (operator.getKey().equals("$regex")) {
                if (value.isString()) {
                    pattern = value.asString().getValue();
                } else if (value.isRegularExpression()) {
                    pattern = value.asRegularExpression().getPattern();
                    String flags = value.asRegularExpression().getOptions();
                    if (!flags.isEmpty()) {
                        if (!options.isEmpty()) {
                            throw MongoServerException.location(51074, "options set in both $regex and $options");
                        }
                        options = flags;
                    }
                } else {
                    throw badValue("$regex has to be a string");
                }
            } else if (operator.getKey().equals("$options")) {
                if (!value.isString()) {
                    throw badValue("$options has to be a string");
                }
                if (!options.isEmpty()) {
                    throw MongoServerException.location(51075, "options set in both $regex and $options");
                }
                options = value.asString().getValue();
            }
        }
        return new PathMatch(name, new RegexTest(pattern, options), true);
    }

    private static MatchNode in(String name, String operator, BsonValue value) {
        if (!value.isArray()) {
            throw badValue(operator + " needs an array");
        }
        List<BsonValue> equalities = new ArrayList<>();
        List<RegexTest> regexes = new ArrayList<>();
        for (BsonValue element : value.asArray()) {
            if (isOperatorDocument(element, false)) {
                throw badValue("cannot nest $ under $in");
            }
            if (element.isRegularExpression()) {
                regexes.add(regexTest(element));
            } else if (element.getBsonType() == BsonType.UNDEFINED) {
                throw badValue("InMatchExpression equality cannot be undefined");
            } else {
                equalities.add(element);
            }
        }
        return new PathMatch(name, new InTest(equalities, regexes), true);
    }

    private static MatchNode size(String name, BsonValue value) {
        try {
            return new PathMatch(name, new SizeTest(IntegerArgument.toNonNegativeInt("$size", value)), false);
        } catch (IntegerArgument.Refused e) {
            throw badValue("Failed to parse $size. " + e.getMessage());
        }
    }

    private static ModTest mod(BsonValue value) {
        if (!value.isArray()) {
            throw badValue("malformed mod, needs to be an array");
        }
        BsonArray arguments = value.asArray();
        if (arguments.isEmpty()) {
            throw badValue("malformed mod, not enough elements");
        }
        if (!isNumber(arguments.get(0))) {
            throw badValue("malformed mod, divisor not a number");
        }
        if (arguments.size() < 2) {
            throw badValue("malformed mod, not enough elements");
        }
        if (!isNumber(arguments.get(1))) {
            throw badValue("malformed mod, remainder not a number");
        }
        if (arguments.size() > 2) {
            throw badValue("malformed mod, too many elements");
        }
        long divisor;
        long remainder;
        try {
            divisor = IntegerArgument.truncated(arguments.get(0));
        } catch (IntegerArgument.Refused e) {
            throw badValue("malformed mod, divisor value is invalid :: caused by :: " + e.getMessage());
        }
        try {
            remainder = IntegerArgument.truncated(arguments.get(1));
        } catch (IntegerArgument.Refused e) {
            throw badValue("malformed mod, remainder value is invalid :: caused by :: " + e.getMessage());
        }
        if (divisor == 0) {
            throw badValue("divisor cannot be 0");
        }
        return new ModTest(divisor, remainder);
    }

    private static MatchNode not(String name, BsonValue value, boolean topLevel) {
        if (value.isRegularExpression()) {
            return new NotMatch(regex(name, value));
        }
        if (!value.isDocument()) {
            throw badValue("$not needs a regex or a document");
        }
        if (value.asDocument().isEmpty()) {
            throw badValue("$not cannot be empty");
        }
        return new NotMatch(new AndMatch(parseOperators(name, value.asDocument(), topLevel)));
    }

    private static MatchNode elemMatch(String name, BsonValue value, boolean topLevel) {
        if (!value.isDocument()) {
            throw badValue("$elemMatch needs an Object");
        }
        BsonDocument argument = value.asDocument();
        boolean valueForm = isOperatorDocument(value, true) && !PATHLESS.contains(argument.getFirstKey());
        ValueTest test = valueForm
                ? new ElemMatchValueTest(parseOperators("", argument, false))
                : new ElemMatchObjectTest(parse(argument, false));
        return new PathMatch(name, test, false);
    }

    private static MatchNode all(String name, BsonValue value, boolean topLevel) {
        if (!value.isArray()) {
            throw badValue("$all needs an array");
        }
        BsonArray values = value.asArray();
        List<MatchNode> nodes = new ArrayList<>();
        if (!values.isEmpty() && startsWithElemMatch(values.get(0))) {
            for (BsonValue element : values) {
                if (!startsWithElemMatch(element)) {
                    throw badValue("$all/$elemMatch has to be consistent");
                }
                nodes.add(elemMatch(name, element.asDocument().get("$elemMatch"), topLevel));
            }
            return new AndMatch(nodes);
        }
        for (BsonValue element : values) {
            if (element.isRegularExpression()) {
                nodes.add(regex(name, element));
            } else if (element.isDocument()
                    && !element.asDocument().isEmpty()
                    && isQueryOperator(element.asDocument().getFirstKey())) {
                throw badValue("no $ expressions in $all");
            } else {
                nodes.add(comparison(name, ComparisonTest.Operator.EQ, element));
            }
        }
        return nodes.isEmpty() ? new NoMatch() : new AndMatch(nodes);
    }

    private static boolean startsWithElemMatch(BsonValue value) {
        return value.isDocument()
                && !value.asDocument().isEmpty()
                && value.asDocument().getFirstKey().equals("$elemMatch");
    }

    private static boolean isQueryOperator(String name) {
        return FIELD_OPERATORS.contains(name) || name.equals("$not");
    }

    static boolean isNumber(BsonValue value) {
        return value.isNumber() || value.isDecimal128();
    }

    /** BSON's truth of a value as {@code $exists} reads it: false, zero, null and undefined are false. */
    static boolean isTruthy(BsonValue value) {
        return switch (value.getBsonType()) {
            case BOOLEAN -> value.asBoolean().getValue();
            case INT32 -> value.asInt32().getValue() != 0;
            case INT64 -> value.asInt64().getValue() != 0;
            case DOUBLE -> value.asDouble().getValue() != 0;
            case DECIMAL128 -> {
                var d = value.asDecimal128().getValue();
                yield d.isNaN() || d.isInfinite() || ModTest.exact(d).signum() != 0;
            }
            case NULL, UNDEFINED -> false;
            default -> true;
        };
    }

    static MongoServerException badValue(String message) {
        return new MongoServerException(ErrorCode.BAD_VALUE, message);
    }

    private static MongoServerException notSupported(String operator) {
        return new MongoServerException(ErrorCode.NOT_IMPLEMENTED, operator + " is not supported by WrongoDB");
    }

    /** The {@code $type} argument: one type or an array of them, by alias or number. */
    static final class TypeArgument {
        private TypeArgument() {}

        static TypeTest parse(String name, BsonValue value) {
            Set<BsonType> types = EnumSet.noneOf(BsonType.class);
            boolean[] allNumbers = {false};
            if (value.isArray()) {
                for (BsonValue element : value.asArray()) {
                    addType(element, types, allNumbers);
                }
            } else {
                addType(value, types, allNumbers);
            }
            if (types.isEmpty() && !allNumbers[0]) {
                throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, name + " must match at least one type");
            }
            return new TypeTest(types, allNumbers[0]);
        }

        private static void addType(BsonValue value, Set<BsonType> types, boolean[] allNumbers) {
            if (value.isString()) {
                String alias = value.asString().getValue();
                if (alias.equals("number")) {
                    allNumbers[0] = true;
                    return;
                }
                BsonType type = BsonTypeNames.byAlias(alias);
                if (type == null) {
                    throw badValue(
                            alias.equals("missing")
                                    ? "'missing' is not a legal type name. To query for non-existence of a field, use"
                                            + " {$exists:false}."
                                    : "Unknown type name alias: " + alias);
                }
                types.add(type);
                return;
            }
            if (!isNumber(value)) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH, "type must be represented as a number or a string");
            }
            long code;
            try {
                code = IntegerArgument.toLong("$type", value);
            } catch (IntegerArgument.Refused e) {
                throw badValue("Invalid numerical type code: " + BsonText.number(value));
            }
            if (code == 0) {
                throw badValue(
                        "Invalid numerical type code: " + BsonText.number(value) + ". Instead use {$exists:false}.");
            }
            BsonType type = code == (int) code ? BsonTypeNames.byNumber((int) code) : null;
            if (type == null) {
                throw badValue("Invalid numerical type code: " + BsonText.number(value));
            }
            types.add(type);
        }
    }
}
