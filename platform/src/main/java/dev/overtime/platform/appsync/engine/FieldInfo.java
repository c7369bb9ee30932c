package dev.overtime.platform.appsync.engine;

import graphql.language.AstPrinter;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.SelectedField;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AppSync's {@code ctx.info}. The selection set's list and text are worked out only when code reads them:
 * most resolvers never do, and building them was a tenth of a publish's cost.
 */
final class FieldInfo extends AbstractMap<String, Object> {

    private static final String SELECTION_LIST = "selectionSetList";
    private static final String SELECTION_TEXT = "selectionSetGraphQL";

    private final DataFetchingEnvironment env;
    private final String fieldName;
    private final String parentTypeName;
    private Map<String, Object> whole;

    FieldInfo(DataFetchingEnvironment env) {
        this.env = env;
        this.fieldName = env.getField().getName();
        this.parentTypeName = ((GraphQLObjectType) env.getParentType()).getName();
    }

    @Override
    public Object get(Object key) {
        if ("fieldName".equals(key)) {
            return fieldName;
        }
        if ("parentTypeName".equals(key)) {
            return parentTypeName;
        }
        if ("variables".equals(key)) {
            return env.getVariables();
        }
        return whole().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return "fieldName".equals(key) || "parentTypeName".equals(key) || "variables".equals(key)
                || SELECTION_LIST.equals(key) || SELECTION_TEXT.equals(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return whole().entrySet();
    }

    private Map<String, Object> whole() {
        if (whole == null) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("fieldName", fieldName);
            info.put("parentTypeName", parentTypeName);
            info.put("variables", env.getVariables());
            List<String> selections = new ArrayList<>();
            for (SelectedField field : env.getSelectionSet().getFields()) {
                selections.add(field.getQualifiedName());
            }
            info.put(SELECTION_LIST, selections);
            info.put(SELECTION_TEXT, env.getField().getSelectionSet() == null ? ""
                    : AstPrinter.printAst(env.getField().getSelectionSet()));
            whole = info;
        }
        return whole;
    }
}
