package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.PipelineFunction;
import dev.overtime.platform.appsync.ResolverDefinition;
import dev.overtime.platform.appsync.resolvers.DataSourceCalls;
import dev.overtime.platform.appsync.resolvers.FieldResolver;
import dev.overtime.platform.appsync.resolvers.ResolverCompiler;
import dev.overtime.platform.appsync.resolvers.ResolverStep;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.errors.SchemaProblem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An API's executable schema: its SDL with AppSync's directives and scalars, a data fetcher for every field
 * with a resolver, auth checks where a field's directives narrow the API's modes, and which subscriptions
 * each mutation publishes to.
 */
public final class ApiSchema {

    private final GraphQLSchema schema;
    private final Map<String, Set<AuthMode>> allowed;
    private final Map<String, List<String>> subscriptionsByMutation;
    private final Map<String, FieldResolver> resolvers;
    private final String subscriptionType;
    private final String mutationType;

    private ApiSchema(GraphQLSchema schema, Map<String, Set<AuthMode>> allowed,
                      Map<String, List<String>> subscriptionsByMutation, Map<String, FieldResolver> resolvers) {
        this.schema = schema;
        this.allowed = allowed;
        this.subscriptionsByMutation = subscriptionsByMutation;
        this.resolvers = resolvers;
        this.subscriptionType = schema.getSubscriptionType() == null ? null : schema.getSubscriptionType().getName();
        this.mutationType = schema.getMutationType() == null ? null : schema.getMutationType().getName();
    }

    /**
     * @throws IllegalArgumentException when the schema does not parse or validate, or a resolver names a field,
     *                                  data source or function that does not exist, or its code does not compile
     */
    public static ApiSchema build(GraphQlApiDefinition api, ResolverCompiler compiler, DataSourceCalls calls) {
        String where = "GraphQL API " + api.logicalId();
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().parse(api.schema());
            StringBuilder extra = new StringBuilder();
            AppSyncDirectives.DECLARATIONS.forEach((name, declaration) -> {
                if (registry.getDirectiveDefinition(name).isEmpty()) {
                    extra.append(declaration).append('\n');
                }
            });
            for (String scalar : AppSyncScalars.names()) {
                if (!registry.scalars().containsKey(scalar)) {
                    extra.append("scalar ").append(scalar).append('\n');
                }
            }
            registry.merge(new SchemaParser().parse(extra.toString()));
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException(where + ": the schema is not valid GraphQL: " + problems(e), e);
        }
        AuthMode defaultMode = api.defaultAuth();
        Set<AuthMode> apiModes = EnumSet.copyOf(api.authModes());
        Map<String, Set<AuthMode>> allowed = new LinkedHashMap<>();
        Map<String, List<String>> subscriptionsByMutation = new LinkedHashMap<>();
        Map<String, FieldDefinitionRef> fields = new LinkedHashMap<>();
        for (ObjectTypeDefinition type : registry.getTypes(ObjectTypeDefinition.class)) {
            List<ObjectTypeDefinition> parts = new ArrayList<>();
            parts.add(type);
            parts.addAll(registry.objectTypeExtensions().getOrDefault(type.getName(), List.of()));
            for (ObjectTypeDefinition part : parts) {
                for (FieldDefinition field : part.getFieldDefinitions()) {
                    String key = type.getName() + "." + field.getName();
                    fields.put(key, new FieldDefinitionRef(type.getName(), field.getName()));
                    allowed.put(key, AppSyncDirectives.allowed(field, parts, defaultMode));
                    for (String mutation : subscribedMutations(field)) {
                        subscriptionsByMutation.computeIfAbsent(mutation, m -> new ArrayList<>()).add(field.getName());
                    }
                }
            }
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        AppSyncScalars.all().forEach(wiring::scalar);
        Map<String, FieldResolver> resolvers = new LinkedHashMap<>();
        for (ResolverDefinition resolver : api.resolvers()) {
            String key = resolver.typeName() + "." + resolver.fieldName();
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException(where + ": a resolver is attached to " + key
                        + ", which the schema does not define");
            }
            resolvers.put(key, fieldResolver(api, resolver, compiler, calls, where + " " + key));
        }
        Map<String, Map<String, DataFetcher<?>>> fetchers = new LinkedHashMap<>();
        for (Map.Entry<String, FieldDefinitionRef> entry : fields.entrySet()) {
            FieldDefinitionRef ref = entry.getValue();
            FieldResolver resolver = resolvers.get(entry.getKey());
            boolean restricted = !allowed.get(entry.getKey()).containsAll(apiModes);
            // A subscription field's resolver runs when a client subscribes, not per event.
            boolean subscription = ref.type().equals(registry.schemaDefinition()
                    .flatMap(s -> s.getOperationTypeDefinitions().stream()
                            .filter(o -> o.getName().equals("subscription")).findFirst())
                    .map(o -> o.getTypeName().getName()).orElse("Subscription"));
            DataFetcher<?> fetcher = resolver != null && !subscription ? new ResolverFetcher(resolver) : null;
            if (restricted) {
                fetcher = new FieldAuthorization(allowed.get(entry.getKey()),
                        fetcher != null ? fetcher : PropertyDataFetcher.fetching(ref.field()));
            }
            if (fetcher != null) {
                fetchers.computeIfAbsent(ref.type(), t -> new LinkedHashMap<>()).put(ref.field(), fetcher);
            }
        }
        fetchers.forEach((type, byField) -> wiring.type(type, b -> {
            byField.forEach(b::dataFetcher);
            return b;
        }));
        GraphQLSchema schema;
        try {
            schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
        } catch (SchemaProblem e) {
            throw new IllegalArgumentException(where + ": the schema is not valid: " + problems(e), e);
        }
        return new ApiSchema(schema, allowed, subscriptionsByMutation, resolvers);
    }

    private static FieldResolver fieldResolver(GraphQlApiDefinition api, ResolverDefinition resolver,
                                               ResolverCompiler compiler, DataSourceCalls calls, String where) {
        if (!resolver.isPipeline()) {
            DataSource source = api.dataSource(resolver.dataSource()).orElseThrow(() -> new IllegalArgumentException(
                    where + ": the resolver names data source " + resolver.dataSource() + ", which does not exist"));
            return FieldResolver.unit(new ResolverStep(code(compiler, resolver.code(), source, where), source), calls);
        }
        List<ResolverStep> steps = new ArrayList<>();
        for (String id : resolver.functionIds()) {
            PipelineFunction function = api.function(id).orElseThrow(() -> new IllegalArgumentException(
                    where + ": the pipeline names function " + id + ", which does not exist"));
            DataSource source = api.dataSource(function.dataSource()).orElseThrow(() -> new IllegalArgumentException(
                    where + ": function " + function.name() + " names data source " + function.dataSource()
                            + ", which does not exist"));
            steps.add(new ResolverStep(code(compiler, function.code(), source, where + " function " + function.name()),
                    source));
        }
        return FieldResolver.pipeline(compiler.compile(resolver.code(), where), steps, calls);
    }

    private static dev.overtime.platform.appsync.resolvers.ResolverCodeRunner code(
            ResolverCompiler compiler, dev.overtime.platform.appsync.ResolverCode code, DataSource source, String where) {
        dev.overtime.platform.appsync.resolvers.ResolverCodeRunner compiled = compiler.compile(code, where);
        if (compiled == null && !(source instanceof DataSource.Lambda)) {
            throw new IllegalArgumentException(where + ": only a Lambda data source can be used without a request "
                    + "mapping template or code (a direct resolver)");
        }
        return compiled;
    }

    private static List<String> subscribedMutations(FieldDefinition field) {
        List<String> mutations = new ArrayList<>();
        for (Directive directive : field.getDirectives("aws_subscribe")) {
            Value<?> value = directive.getArgument("mutations") == null ? null
                    : directive.getArgument("mutations").getValue();
            if (value instanceof ArrayValue array) {
                for (Value<?> item : array.getValues()) {
                    if (item instanceof StringValue s) {
                        mutations.add(s.getValue());
                    }
                }
            } else if (value instanceof StringValue s) {
                mutations.add(s.getValue());
            }
        }
        return mutations;
    }

    private static String problems(SchemaProblem e) {
        return e.getErrors().stream().map(graphql.GraphQLError::getMessage)
                .reduce((a, b) -> a + "; " + b).orElse(e.getMessage());
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /** The modes allowed on {@code type.field}. */
    public Set<AuthMode> allowed(String type, String field) {
        return allowed.getOrDefault(type + "." + field, Set.of());
    }

    /** The subscription fields that a mutation field's results go to. */
    public List<String> subscriptionsOf(String mutationField) {
        return subscriptionsByMutation.getOrDefault(mutationField, List.of());
    }

    public boolean publishes(String mutationField) {
        return subscriptionsByMutation.containsKey(mutationField);
    }

    /** The resolver of a subscription field, run when a client subscribes; null without one. */
    public FieldResolver subscriptionResolver(String field) {
        return subscriptionType == null ? null : resolvers.get(subscriptionType + "." + field);
    }

    public String subscriptionType() {
        return subscriptionType;
    }

    public String mutationType() {
        return mutationType;
    }

    private record FieldDefinitionRef(String type, String field) {
    }
}
