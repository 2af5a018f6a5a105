package io.wrongodb.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code {a: <expression>, b: <expression>}}: a document built field by field; missing results are left out. */
final class ObjectExpression extends Expression {
    private final Map<String, Expression> fields;

    ObjectExpression(Map<String, Expression> fields) {
        this.fields = new LinkedHashMap<>(fields);
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonDocument result = new BsonDocument();
        for (Map.Entry<String, Expression> field : fields.entrySet()) {
            BsonValue value = field.getValue().evaluate(variables);
            if (value != null) {
                result.put(field.getKey(), value);
            }
        }
        return result;
    }
}
