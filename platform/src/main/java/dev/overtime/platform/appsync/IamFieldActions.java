package dev.overtime.platform.appsync;

import dev.overtime.platform.appsync.engine.GraphQlRequest;
import dev.overtime.platform.security.RequestedAction;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IAM actions an {@code AWS_IAM} GraphQL request needs: {@code appsync:GraphQL} on
 * {@code arn:aws:appsync:REGION:ACCOUNT:apis/ID/types/TYPE/fields/FIELD} for each root field of the
 * operation it runs, as AppSync's policies name them. A query that does not parse needs the action on
 * the API itself; the engine then answers its syntax error.
 */
final class IamFieldActions {

    private IamFieldActions() {
    }

    static List<RequestedAction> of(GraphQlRequest request, String apiArn) {
        List<RequestedAction> actions = new ArrayList<>();
        Document document;
        try {
            document = Parser.parse(request.query());
        } catch (InvalidSyntaxException e) {
            return List.of(action(apiArn));
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (request.operationName() != null && !request.operationName().equals(operation.getName())) {
                continue;
            }
            String type = operation.getOperation().name().charAt(0)
                    + operation.getOperation().name().substring(1).toLowerCase(Locale.ROOT);
            for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
                String field = selection instanceof Field f ? f.getName() : "*";
                actions.add(action(apiArn + "/types/" + type + "/fields/" + field));
            }
        }
        return actions.isEmpty() ? List.of(action(apiArn)) : actions;
    }

    private static RequestedAction action(String resource) {
        return new RequestedAction("appsync:GraphQL", resource, "appsync");
    }
}
