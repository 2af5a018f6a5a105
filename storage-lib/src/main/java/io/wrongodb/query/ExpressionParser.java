package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Parses aggregation expressions: a string starting with {@code $} is a field path ({@code $$} a variable), a
 * document whose one field starts with {@code $} an operator, any other document or array a composite of
 * expressions, anything else a constant. This is the one place that maps operator names to the classes that
 * evaluate them. It keeps track of the user variables bound where it is ({@code $let}, {@code $map},
 * {@code $filter}, {@code $reduce}) so that a reference to an unbound one fails when parsing, as in MongoDB.
 */
final class ExpressionParser {
    private static final Set<String> UNSUPPORTED_VARIABLES =
            Set.of("NOW", "CLUSTER_TIME", "USER_ROLES", "SEARCH_META", "DESCEND", "PRUNE", "KEEP");

    /** The user variables bound where the parser is, innermost last ({@code $let}, {@code $map} ...). */
    private final List<String> boundVariables = new ArrayList<>();

    private ExpressionParser() {}

    static Expression parse(BsonValue spec) {
        return new ExpressionParser().expression(spec);
    }

    /** Parses {@code spec} with {@code names} bound as user variables, as the body of {@code $let} or {@code $map}. */
    Expression withVariables(List<String> names, BsonValue spec) {
        boundVariables.addAll(names);
        try {
            return expression(spec);
        } finally {
            for (int i = 0; i < names.size(); i++) {
                boundVariables.remove(boundVariables.size() - 1);
            }
        }
    }

    Expression expression(BsonValue spec) {
        if (spec.isString()) {
            String text = spec.asString().getValue();
            return text.startsWith("$") ? fieldPath(text) : new ConstantExpression(spec);
        }
        if (spec.isArray()) {
            List<Expression> elements = new ArrayList<>();
            for (BsonValue element : spec.asArray()) {
                elements.add(expression(element));
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

    private Expression object(BsonDocument document) {
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
            fields.put(name, expression(field.getValue()));
        }
        return new ObjectExpression(fields);
    }

    private Expression fieldPath(String text) {
        String path;
        String variable = "CURRENT";
        if (text.startsWith("$$")) {
            String rest = text.substring(2);
            int dot = rest.indexOf('.');
            variable = dot < 0 ? rest : rest.substring(0, dot);
            path = dot < 0 ? "" : rest.substring(dot + 1);
            checkVariableRead(variable);
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
        String[] components = path.isEmpty() ? new String[0] : path.split("\\.", -1);
        return new FieldPathExpression(variable.equals("REMOVE") ? null : variable, components);
    }

    /** Refuses a variable that is neither a system variable WrongoDB knows nor a bound user variable. */
    private void checkVariableRead(String variable) {
        if (variable.isEmpty()) {
            throw MongoServerException.location(16869, "empty variable names are not allowed");
        }
        if (boundVariables.contains(variable)) {
            return;
        }
        switch (variable) {
            case "ROOT", "CURRENT", "REMOVE" -> {
                return;
            }
            default -> {}
        }
        if (UNSUPPORTED_VARIABLES.contains(variable)) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "$$" + variable + " is not supported by WrongoDB");
        }
        char first = variable.charAt(0);
        if (!(Character.isLetter(first) && first < 128 || first >= 128)) {
            throw MongoServerException.location(
                    16870, "'" + variable + "' starts with an invalid character for a user variable name");
        }
        throw MongoServerException.location(17276, "Use of undefined variable: " + variable);
    }

    /** Refuses a name that {@code $let}, {@code $map}, {@code $filter} or {@code $reduce} may not bind. */
    static void checkVariableWrite(String name) {
        if (name.equals("CURRENT")) {
            return;
        }
        if (name.isEmpty()) {
            throw MongoServerException.location(16866, "empty variable names are not allowed");
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 128)) {
            throw MongoServerException.location(
                    16867, "'" + name + "' starts with an invalid character for a user variable name");
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c) || c == '_' || c >= 128)) {
                throw MongoServerException.location(
                        16868, "'" + name + "' contains an invalid character for a variable name: '" + c + "'");
            }
        }
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

    private Expression operator(String name, BsonValue argument) {
        switch (name) {
            case "$literal" -> {
                return new ConstantExpression(argument);
            }
            case "$cond" -> {
                if (argument.isDocument()) {
                    return condition(argument.asDocument());
                }
            }
            case "$let" -> {
                return let(argument);
            }
            case "$map", "$filter" -> {
                return mapOrFilter(name, argument);
            }
            case "$reduce" -> {
                return reduce(argument);
            }
            case "$switch" -> {
                return switchExpression(argument);
            }
            case "$trim", "$ltrim", "$rtrim" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("input", "chars"),
                        50696,
                        name + " only supports an object as an argument, found " + typeName(argument),
                        50694,
                        name + " found an unknown argument: ");
                require(named, "input", 50695, name + " requires an 'input' field");
                return new TrimExpression(name, named.get("input"), named.get("chars"));
            }
            case "$regexMatch", "$regexFind", "$regexFindAll" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("input", "regex", "options"),
                        51103,
                        name + " expects an object of named arguments but found: " + typeName(argument),
                        31024,
                        name + " found an unknown argument: ");
                require(named, "input", 31022, name + " requires 'input' parameter");
                require(named, "regex", 31023, name + " requires 'regex' parameter");
                return new RegexExpression(name, named.get("input"), named.get("regex"), named.get("options"));
            }
            case "$replaceOne", "$replaceAll" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("input", "find", "replacement"),
                        51751,
                        name + " requires an object as an argument, found: " + typeName(argument),
                        51750,
                        name + " found an unknown argument: ");
                require(named, "input", 51749, name + " requires 'input' to be specified");
                require(named, "find", 51748, name + " requires 'find' to be specified");
                require(named, "replacement", 51747, name + " requires 'replacement' to be specified");
                return new ReplaceExpression(name, named.get("input"), named.get("find"), named.get("replacement"));
            }
            case "$convert" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("input", "to", "onError", "onNull"),
                        ErrorCode.FAILED_TO_PARSE.code(),
                        "$convert expects an object of named arguments but found: " + typeName(argument),
                        ErrorCode.FAILED_TO_PARSE.code(),
                        "$convert found an unknown argument: ");
                if (!named.containsKey("input")) {
                    throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "Missing 'input' parameter to $convert");
                }
                if (!named.containsKey("to")) {
                    throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "Missing 'to' parameter to $convert");
                }
                return new ConvertExpression(
                        named.get("input"), named.get("to"), named.get("onError"), named.get("onNull"));
            }
            case "$toString", "$toInt", "$toLong", "$toDouble", "$toDecimal", "$toBool", "$toDate", "$toObjectId" -> {
                List<Expression> arguments = arguments(argument);
                arity(name, arguments, 1);
                String target = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                return new ConvertExpression(
                        arguments.get(0), new ConstantExpression(new BsonString(target)), null, null);
            }
            case "$getField" -> {
                return getField(argument);
            }
            case "$zip" -> {
                return zip(argument);
            }
            case "$year",
                    "$month",
                    "$dayOfMonth",
                    "$dayOfWeek",
                    "$dayOfYear",
                    "$hour",
                    "$minute",
                    "$second",
                    "$millisecond",
                    "$week",
                    "$isoWeek",
                    "$isoWeekYear",
                    "$isoDayOfWeek" -> {
                return datePart(name, argument);
            }
            case "$dateToString" -> {
                if (!argument.isDocument()) {
                    throw MongoServerException.location(18629, "$dateToString only supports an object as its argument");
                }
                Map<String, Expression> named = named(
                        argument,
                        Set.of("date", "format", "timezone", "onNull"),
                        18629,
                        "",
                        18534,
                        "Unrecognized argument to $dateToString: ");
                require(named, "date", 18628, "Missing 'date' parameter to $dateToString");
                return new DateToStringExpression(
                        named.get("date"), named.get("format"), named.get("timezone"), named.get("onNull"));
            }
            case "$dateFromString" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("dateString", "format", "timezone", "onError", "onNull"),
                        40540,
                        "$dateFromString only supports an object as an argument, found: " + typeName(argument),
                        40541,
                        "Unrecognized argument to $dateFromString: ");
                require(named, "dateString", 40542, "Missing 'dateString' parameter to $dateFromString");
                return new DateFromStringExpression(
                        named.get("dateString"),
                        named.get("format"),
                        named.get("timezone"),
                        named.get("onError"),
                        named.get("onNull"));
            }
            case "$dateAdd", "$dateSubtract" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("startDate", "unit", "amount", "timezone"),
                        5166400,
                        name + " expects an object as its argument",
                        5166401,
                        "Unrecognized argument to " + name + ": ");
                if (!named.containsKey("startDate") || !named.containsKey("unit") || !named.containsKey("amount")) {
                    throw MongoServerException.location(
                            5166402, name + " requires startDate, unit, and amount to be present");
                }
                return new DateArithmeticExpression(
                        name, named.get("startDate"), named.get("unit"), named.get("amount"), named.get("timezone"));
            }
            case "$dateDiff" -> {
                Map<String, Expression> named = named(
                        argument,
                        Set.of("startDate", "endDate", "unit", "timezone", "startOfWeek"),
                        5166301,
                        "$dateDiff only supports an object as its argument",
                        5166302,
                        "Unrecognized argument to $dateDiff: ");
                require(named, "startDate", 5166303, "Missing 'startDate' parameter to $dateDiff");
                require(named, "endDate", 5166304, "Missing 'endDate' parameter to $dateDiff");
                require(named, "unit", 5166305, "Missing 'unit' parameter to $dateDiff");
                return new DateDiffExpression(
                        named.get("startDate"),
                        named.get("endDate"),
                        named.get("unit"),
                        named.get("timezone"),
                        named.get("startOfWeek"));
            }
            default -> {}
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
            case "$size", "$type", "$isArray", "$isNumber" -> {
                arity(name, arguments, 1);
                return new ArrayOperatorExpression(name, arguments);
            }
            case "$in" -> {
                arity(name, arguments, 2);
                return new ArrayOperatorExpression(name, arguments);
            }
            case "$concat" -> {
                return new StringExpression(name, arguments);
            }
            case "$toUpper", "$toLower", "$strLenCP", "$strLenBytes" -> {
                arity(name, arguments, 1);
                return new StringExpression(name, arguments);
            }
            case "$split", "$strcasecmp" -> {
                arity(name, arguments, 2);
                return new StringExpression(name, arguments);
            }
            case "$substr", "$substrBytes", "$substrCP" -> {
                arity(name, arguments, 3);
                return new StringExpression(name, arguments);
            }
            case "$indexOfCP", "$indexOfBytes" -> {
                arityRange(name, arguments, 2, 4);
                return new StringExpression(name, arguments);
            }
            case "$arrayElemAt" -> {
                arity(name, arguments, 2);
                return new ArrayElementsExpression(name, arguments);
            }
            case "$first", "$last", "$reverseArray" -> {
                arity(name, arguments, 1);
                return new ArrayElementsExpression(name, arguments);
            }
            case "$concatArrays" -> {
                return new ArrayElementsExpression(name, arguments);
            }
            case "$slice", "$range" -> {
                arityRange(name, arguments, 2, 3);
                return new ArrayElementsExpression(name, arguments);
            }
            case "$indexOfArray" -> {
                arityRange(name, arguments, 2, 4);
                return new ArrayElementsExpression(name, arguments);
            }
            case "$setUnion", "$setIntersection" -> {
                return new SetExpression(name, arguments);
            }
            case "$setEquals" -> {
                if (arguments.size() < 2) {
                    throw MongoServerException.location(
                            17045, "$setEquals needs at least two arguments had: " + arguments.size());
                }
                return new SetExpression(name, arguments);
            }
            case "$setDifference", "$setIsSubset" -> {
                arity(name, arguments, 2);
                return new SetExpression(name, arguments);
            }
            case "$allElementsTrue", "$anyElementTrue" -> {
                arity(name, arguments, 1);
                return new SetExpression(name, arguments);
            }
            case "$mergeObjects" -> {
                return new ObjectOperatorExpression(name, arguments);
            }
            case "$objectToArray", "$arrayToObject" -> {
                arity(name, arguments, 1);
                return new ObjectOperatorExpression(name, arguments);
            }
            case "$ceil", "$floor", "$sqrt", "$exp", "$ln", "$log10" -> {
                arity(name, arguments, 1);
                return new MathExpression(name, arguments);
            }
            case "$round", "$trunc" -> {
                arityRange(name, arguments, 1, 2);
                return new MathExpression(name, arguments);
            }
            case "$pow", "$log" -> {
                arity(name, arguments, 2);
                return new MathExpression(name, arguments);
            }
            case "$max", "$min", "$sum", "$avg" -> {
                return new SummaryExpression(name, arguments);
            }
            default ->
                throw new MongoServerException(
                        ErrorCode.INVALID_PIPELINE_OPERATOR, "Unrecognized expression '" + name + "'");
        }
    }

    /**
     * The named arguments of an operator such as {@code $trim: {input, chars}}, each parsed: refuses a non-document
     * with {@code notDocumentCode} and an unknown name with {@code unknownCode} and the prefix before the name.
     */
    private Map<String, Expression> named(
            BsonValue argument,
            Set<String> names,
            int notDocumentCode,
            String notDocumentMessage,
            int unknownCode,
            String unknownPrefix) {
        if (!argument.isDocument()) {
            throw failure(notDocumentCode, notDocumentMessage);
        }
        Map<String, Expression> named = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> field : argument.asDocument().entrySet()) {
            if (!names.contains(field.getKey())) {
                throw failure(unknownCode, unknownPrefix + field.getKey());
            }
            named.put(field.getKey(), expression(field.getValue()));
        }
        return named;
    }

    /** An error with a named code when MongoDB uses one ({@code FailedToParse}), else a location code. */
    private static MongoServerException failure(int code, String message) {
        for (ErrorCode named : ErrorCode.values()) {
            if (named.code() == code) {
                return new MongoServerException(named, message);
            }
        }
        return MongoServerException.location(code, message);
    }

    private static void require(Map<String, Expression> named, String name, int code, String message) {
        if (!named.containsKey(name)) {
            throw MongoServerException.location(code, message);
        }
    }

    private static String typeName(BsonValue value) {
        return Expression.typeName(value);
    }

    private Expression let(BsonValue argument) {
        if (!argument.isDocument()) {
            throw MongoServerException.location(16874, "$let only supports an object as its argument");
        }
        BsonValue vars = null;
        BsonValue in = null;
        for (Map.Entry<String, BsonValue> field : argument.asDocument().entrySet()) {
            switch (field.getKey()) {
                case "vars" -> vars = field.getValue();
                case "in" -> in = field.getValue();
                default ->
                    throw MongoServerException.location(16875, "Unrecognized parameter to $let: " + field.getKey());
            }
        }
        if (vars == null) {
            throw MongoServerException.location(16876, "Missing 'vars' parameter to $let");
        }
        if (in == null) {
            throw MongoServerException.location(16877, "Missing 'in' parameter to $let");
        }
        if (!vars.isDocument()) {
            throw MongoServerException.location(10065, "invalid parameter: expected an object (vars)");
        }
        List<String> names = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (Map.Entry<String, BsonValue> variable : vars.asDocument().entrySet()) {
            checkVariableWrite(variable.getKey());
            names.add(variable.getKey());
            values.add(expression(variable.getValue()));
        }
        return new LetExpression(names, values, withVariables(names, in));
    }

    private Expression mapOrFilter(String name, BsonValue argument) {
        boolean map = name.equals("$map");
        if (!argument.isDocument()) {
            throw MongoServerException.location(map ? 16878 : 28646, name + " only supports an object as its argument");
        }
        BsonDocument spec = argument.asDocument();
        Set<String> allowed = map ? Set.of("input", "as", "in") : Set.of("input", "as", "cond", "limit");
        for (String key : spec.keySet()) {
            if (!allowed.contains(key)) {
                throw MongoServerException.location(
                        map ? 16879 : 28647, "Unrecognized parameter to " + name + ": " + key);
            }
        }
        if (!spec.containsKey("input")) {
            throw MongoServerException.location(map ? 16880 : 28648, "Missing 'input' parameter to " + name);
        }
        String body = map ? "in" : "cond";
        if (!spec.containsKey(body)) {
            throw MongoServerException.location(map ? 16882 : 28650, "Missing '" + body + "' parameter to " + name);
        }
        String as = "this";
        if (spec.containsKey("as")) {
            BsonValue asValue = spec.get("as");
            as = asValue.isString() ? asValue.asString().getValue() : BsonText.of(asValue);
            checkVariableWrite(as);
        }
        Expression input = expression(spec.get("input"));
        Expression limit = spec.containsKey("limit") ? expression(spec.get("limit")) : null;
        Expression bodyExpression = withVariables(List.of(as), spec.get(body));
        return map
                ? new MapExpression(input, as, bodyExpression)
                : new FilterExpression(input, as, bodyExpression, limit);
    }

    private Expression reduce(BsonValue argument) {
        if (!argument.isDocument()) {
            throw MongoServerException.location(
                    40075, "$reduce requires an object as an argument, found: " + typeName(argument));
        }
        BsonDocument spec = argument.asDocument();
        for (String key : spec.keySet()) {
            if (!Set.of("input", "initialValue", "in").contains(key)) {
                throw MongoServerException.location(40076, "$reduce found an unknown argument: " + key);
            }
        }
        if (!spec.containsKey("input")) {
            throw MongoServerException.location(40077, "$reduce requires 'input' to be specified");
        }
        if (!spec.containsKey("initialValue")) {
            throw MongoServerException.location(40078, "$reduce requires 'initialValue' to be specified");
        }
        if (!spec.containsKey("in")) {
            throw MongoServerException.location(40079, "$reduce requires 'in' to be specified");
        }
        return new ReduceExpression(
                expression(spec.get("input")),
                expression(spec.get("initialValue")),
                withVariables(List.of("value", "this"), spec.get("in")));
    }

    private Expression switchExpression(BsonValue argument) {
        if (!argument.isDocument()) {
            throw MongoServerException.location(
                    40060, "$switch requires an object as an argument, found: " + typeName(argument));
        }
        List<Expression> cases = new ArrayList<>();
        List<Expression> thens = new ArrayList<>();
        Expression defaultExpression = null;
        for (Map.Entry<String, BsonValue> field : argument.asDocument().entrySet()) {
            switch (field.getKey()) {
                case "branches" -> {
                    if (!field.getValue().isArray()) {
                        throw MongoServerException.location(
                                40061,
                                "$switch expected an array for 'branches', found: " + typeName(field.getValue()));
                    }
                    for (BsonValue branch : field.getValue().asArray()) {
                        if (!branch.isDocument()) {
                            throw MongoServerException.location(
                                    40062, "$switch expected each branch to be an object, found: " + typeName(branch));
                        }
                        Expression caseExpression = null;
                        Expression thenExpression = null;
                        for (Map.Entry<String, BsonValue> part :
                                branch.asDocument().entrySet()) {
                            switch (part.getKey()) {
                                case "case" -> caseExpression = expression(part.getValue());
                                case "then" -> thenExpression = expression(part.getValue());
                                default ->
                                    throw MongoServerException.location(
                                            40063, "$switch found an unknown argument to a branch: " + part.getKey());
                            }
                        }
                        if (caseExpression == null) {
                            throw MongoServerException.location(
                                    40064, "$switch requires each branch have a 'case' expression");
                        }
                        if (thenExpression == null) {
                            throw MongoServerException.location(
                                    40065, "$switch requires each branch have a 'then' expression.");
                        }
                        cases.add(caseExpression);
                        thens.add(thenExpression);
                    }
                }
                case "default" -> defaultExpression = expression(field.getValue());
                default ->
                    throw MongoServerException.location(40067, "$switch found an unknown argument: " + field.getKey());
            }
        }
        if (cases.isEmpty()) {
            throw MongoServerException.location(40068, "$switch requires at least one branch");
        }
        return new SwitchExpression(cases, thens, defaultExpression);
    }

    private Expression getField(BsonValue argument) {
        BsonValue field;
        Expression input;
        if (argument.isDocument()
                && !argument.asDocument().isEmpty()
                && !argument.asDocument().getFirstKey().startsWith("$")) {
            BsonDocument spec = argument.asDocument();
            for (String key : spec.keySet()) {
                if (!key.equals("field") && !key.equals("input")) {
                    throw MongoServerException.location(3041701, "$getField found an unknown argument: " + key);
                }
            }
            if (!spec.containsKey("field")) {
                throw MongoServerException.location(3041702, "$getField requires 'field' to be specified");
            }
            field = spec.get("field");
            input = spec.containsKey("input")
                    ? expression(spec.get("input"))
                    : new FieldPathExpression("CURRENT", new String[0]);
        } else {
            field = argument;
            input = new FieldPathExpression("CURRENT", new String[0]);
        }
        if (field.isDocument()
                && field.asDocument().size() == 1
                && field.asDocument().containsKey("$literal")) {
            field = field.asDocument().get("$literal");
        } else if (field.isString() && field.asString().getValue().startsWith("$")) {
            throw MongoServerException.location(
                    5654600, "$getField requires 'field' to evaluate to a constant, but got a non-constant argument");
        }
        if (!field.isString()) {
            if (field.isDocument() || field.isArray()) {
                throw MongoServerException.location(
                        5654601,
                        "$getField requires 'field' to evaluate to a constant, but got a non-constant argument");
            }
            throw MongoServerException.location(
                    5654602, "$getField requires 'field' to evaluate to type String, but got " + typeName(field));
        }
        return new GetFieldExpression(field.asString().getValue(), input);
    }

    private Expression zip(BsonValue argument) {
        if (!argument.isDocument()) {
            throw MongoServerException.location(
                    34460, "$zip only supports an object as an argument, found " + typeName(argument));
        }
        List<Expression> inputs = new ArrayList<>();
        List<Expression> defaults = null;
        boolean longest = false;
        for (Map.Entry<String, BsonValue> field : argument.asDocument().entrySet()) {
            BsonValue value = field.getValue();
            switch (field.getKey()) {
                case "inputs" -> {
                    if (!value.isArray()) {
                        throw MongoServerException.location(
                                34461, "inputs must be an array of expressions, found " + typeName(value));
                    }
                    for (BsonValue input : value.asArray()) {
                        inputs.add(expression(input));
                    }
                }
                case "defaults" -> {
                    if (!value.isArray()) {
                        throw MongoServerException.location(
                                34462, "defaults must be an array of expressions, found " + typeName(value));
                    }
                    defaults = new ArrayList<>();
                    for (BsonValue element : value.asArray()) {
                        defaults.add(expression(element));
                    }
                }
                case "useLongestLength" -> {
                    if (!value.isBoolean()) {
                        throw MongoServerException.location(
                                34463, "useLongestLength must be a bool, found " + typeName(value));
                    }
                    longest = value.asBoolean().getValue();
                }
                default ->
                    throw MongoServerException.location(34464, "$zip found an unknown argument: " + field.getKey());
            }
        }
        if (inputs.isEmpty()) {
            throw MongoServerException.location(34465, "$zip requires at least one input array");
        }
        if (defaults != null && !longest) {
            throw MongoServerException.location(34466, "cannot specify defaults unless useLongestLength is true");
        }
        if (defaults != null && defaults.size() != inputs.size()) {
            throw MongoServerException.location(34467, "defaults and inputs must have the same length");
        }
        return new ZipExpression(inputs, longest, defaults);
    }

    private Expression datePart(String name, BsonValue argument) {
        if (argument.isDocument()
                && !argument.asDocument().isEmpty()
                && !argument.asDocument().getFirstKey().startsWith("$")) {
            BsonDocument spec = argument.asDocument();
            Expression date = null;
            Expression timezone = null;
            for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
                switch (field.getKey()) {
                    case "date" -> date = expression(field.getValue());
                    case "timezone" -> timezone = expression(field.getValue());
                    default ->
                        throw MongoServerException.location(
                                40535, "unrecognized option to " + name + ": \"" + field.getKey() + "\"");
                }
            }
            if (date == null) {
                throw MongoServerException.location(
                        40539, "missing 'date' argument to " + name + ", provided: " + BsonText.of(spec));
            }
            return new DatePartExpression(name, date, timezone);
        }
        if (argument.isArray()) {
            if (argument.asArray().size() != 1) {
                throw MongoServerException.location(
                        40536,
                        name + " accepts exactly one argument if given an array, but was given "
                                + argument.asArray().size());
            }
            return new DatePartExpression(name, expression(argument.asArray().get(0)), null);
        }
        return new DatePartExpression(name, expression(argument), null);
    }

    /** An operator's arguments: the elements of an array, or the one value given. */
    private List<Expression> arguments(BsonValue argument) {
        List<Expression> arguments = new ArrayList<>();
        if (argument.isArray()) {
            for (BsonValue element : argument.asArray()) {
                arguments.add(expression(element));
            }
        } else {
            arguments.add(expression(argument));
        }
        return arguments;
    }

    private static void arityRange(String name, List<Expression> arguments, int min, int max) {
        if (arguments.size() < min || arguments.size() > max) {
            throw MongoServerException.location(
                    28667,
                    "Expression " + name + " takes at least " + min + " arguments, and at most " + max + ", but "
                            + arguments.size() + " were passed in.");
        }
    }

    private static void arity(String name, List<Expression> arguments, int expected) {
        if (arguments.size() != expected) {
            throw MongoServerException.location(
                    16020,
                    "Expression " + name + " takes exactly " + expected + " arguments. " + arguments.size()
                            + " were passed in.");
        }
    }

    private Expression condition(BsonDocument spec) {
        Expression ifExpression = null;
        Expression thenExpression = null;
        Expression elseExpression = null;
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            switch (field.getKey()) {
                case "if" -> ifExpression = expression(field.getValue());
                case "then" -> thenExpression = expression(field.getValue());
                case "else" -> elseExpression = expression(field.getValue());
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
