package dev.overtime.platform.appsync.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one subscription query makes of a published mutation result: the fields the subscriber selected
 * (aliases, fragments, {@code @skip}/{@code @include} and {@code __typename} honoured), null where the
 * mutation did not select a field, as on AppSync, and the event's sequence number in {@code extensions.seq}.
 */
public final class PayloadProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Field root;
    private final GraphQLType rootType;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;

    public PayloadProjection(Field root, GraphQLType rootType, Map<String, FragmentDefinition> fragments,
                             Map<String, Object> variables) {
        this.root = root;
        this.rootType = rootType;
        this.fragments = fragments;
        this.variables = variables;
    }

    String payload(long seq, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(root.getResultKey(), project(value, root.getSelectionSet(), rootType));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("extensions", Map.of("seq", seq));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a subscription payload could not be written", e);
        }
    }

    private Object project(Object value, SelectionSet selections, GraphQLType type) {
        if (value == null || selections == null) {
            return value;
        }
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (value instanceof List<?> list) {
            GraphQLType item = GraphQLTypeUtil.isList(unwrapped)
                    ? GraphQLTypeUtil.unwrapOne(unwrapped) : unwrapped;
            List<Object> projected = new ArrayList<>(list.size());
            for (Object element : list) {
                projected.add(project(element, selections, item));
            }
            return projected;
        }
        if (!(value instanceof Map<?, ?> fields)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        collect(fields, selections, unwrapped, out);
        return out;
    }

    private void collect(Map<?, ?> fields, SelectionSet selections, GraphQLType type, Map<String, Object> out) {
        for (Selection<?> selection : selections.getSelections()) {
            switch (selection) {
                case Field field when included(field.getDirectives()) -> {
                    if (field.getName().equals("__typename")) {
                        out.put(field.getResultKey(), fields.get("__typename") != null ? fields.get("__typename")
                                : type instanceof GraphQLNamedType named ? named.getName() : null);
                        continue;
                    }
                    GraphQLType fieldType = type instanceof GraphQLFieldsContainer container
                            && container.getFieldDefinition(field.getName()) instanceof GraphQLFieldDefinition def
                            ? def.getType() : null;
                    Object raw = fields.containsKey(field.getResultKey()) ? fields.get(field.getResultKey())
                            : fields.get(field.getName());
                    out.put(field.getResultKey(), project(raw, field.getSelectionSet(), fieldType));
                }
                case FragmentSpread spread when included(spread.getDirectives()) -> {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null) {
                        collect(fields, fragment.getSelectionSet(), type, out);
                    }
                }
                case InlineFragment inline when included(inline.getDirectives()) ->
                        collect(fields, inline.getSelectionSet(), type, out);
                default -> {
                }
            }
        }
    }

    private boolean included(List<Directive> directives) {
        for (Directive directive : directives) {
            if (directive.getName().equals("skip") && truth(directive)) {
                return false;
            }
            if (directive.getName().equals("include") && !truth(directive)) {
                return false;
            }
        }
        return true;
    }

    private boolean truth(Directive directive) {
        if (directive.getArgument("if") == null) {
            return false;
        }
        return switch (directive.getArgument("if").getValue()) {
            case BooleanValue b -> b.isValue();
            case VariableReference v -> Boolean.TRUE.equals(variables.get(v.getName()));
            default -> false;
        };
    }
}
