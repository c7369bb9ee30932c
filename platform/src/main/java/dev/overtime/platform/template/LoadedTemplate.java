package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.security.FunctionPermission;
import dev.overtime.platform.versions.FunctionVersioning;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A template Overtime can serve.
 *
 * @param file               the template file, absolute
 * @param functions          the functions, in template order
 * @param notYetServed       resources accepted but not served yet, in template order
 * @param warnings           what the template asks for that Overtime ignores, for the user to read
 * @param functionUrls       the Function URLs, in template order
 * @param eventInvokeConfigs the asynchronous invocation settings, in template order, last modified when the
 *                           template was loaded; keyed by function name for {@code $LATEST}, and by
 *                           {@code name:qualifier} for an alias or a version (a declared version's qualifier
 *                           is its {@link dev.overtime.platform.versions.VersionTokens token})
 * @param versioning         the versions and aliases each function declares and the properties its template
 *                           sets, by function name, for every function
 * @param apis               the API Gateway APIs, in template order, SAM's implicit {@code ServerlessRestApi} and
 *                           {@code ServerlessHttpApi} last; each API's warnings are in {@code warnings} too
 * @param graphQlApis        the GraphQL APIs ({@code AWS::AppSync::GraphQLApi} and SAM's
 *                           {@code AWS::Serverless::GraphQLApi}), in template order; their URLs in function
 *                           environments are {@link dev.overtime.platform.appsync.GraphQlUrlTokens tokens} until start
 */
public record LoadedTemplate(
        Path file,
        List<FunctionDefinition> functions,
        List<NotServedResource> notYetServed,
        List<String> warnings,
        List<FunctionUrlDefinition> functionUrls,
        Map<String, EventInvokeConfig> eventInvokeConfigs,
        Map<String, FunctionVersioning> versioning,
        List<ApiDefinition> apis,
        List<GraphQlApiDefinition> graphQlApis,
        List<FunctionPermission> permissions) {

    public LoadedTemplate {
        Objects.requireNonNull(file, "file");
        functions = List.copyOf(functions);
        notYetServed = List.copyOf(notYetServed);
        warnings = List.copyOf(warnings);
        functionUrls = List.copyOf(functionUrls);
        eventInvokeConfigs = Collections.unmodifiableMap(new LinkedHashMap<>(eventInvokeConfigs));
        versioning = Collections.unmodifiableMap(new LinkedHashMap<>(versioning));
        apis = List.copyOf(apis);
        graphQlApis = List.copyOf(graphQlApis);
        permissions = List.copyOf(permissions);
    }

    /** A template without {@code AWS::Lambda::Permission}s. */
    public LoadedTemplate(Path file, List<FunctionDefinition> functions, List<NotServedResource> notYetServed,
            List<String> warnings, List<FunctionUrlDefinition> functionUrls,
            Map<String, EventInvokeConfig> eventInvokeConfigs, Map<String, FunctionVersioning> versioning,
            List<ApiDefinition> apis, List<GraphQlApiDefinition> graphQlApis) {
        this(file, functions, notYetServed, warnings, functionUrls, eventInvokeConfigs, versioning, apis, graphQlApis,
                List.of());
    }

    /** A template that declares no GraphQL APIs. */
    public LoadedTemplate(Path file, List<FunctionDefinition> functions, List<NotServedResource> notYetServed,
            List<String> warnings, List<FunctionUrlDefinition> functionUrls,
            Map<String, EventInvokeConfig> eventInvokeConfigs, Map<String, FunctionVersioning> versioning,
            List<ApiDefinition> apis) {
        this(file, functions, notYetServed, warnings, functionUrls, eventInvokeConfigs, versioning, apis, List.of());
    }

    /** A template that declares no APIs. */
    public LoadedTemplate(Path file, List<FunctionDefinition> functions, List<NotServedResource> notYetServed,
            List<String> warnings, List<FunctionUrlDefinition> functionUrls,
            Map<String, EventInvokeConfig> eventInvokeConfigs, Map<String, FunctionVersioning> versioning) {
        this(file, functions, notYetServed, warnings, functionUrls, eventInvokeConfigs, versioning, List.of(),
                List.of());
    }

    /** A template that declares no versions or aliases. */
    public LoadedTemplate(Path file, List<FunctionDefinition> functions, List<NotServedResource> notYetServed,
            List<String> warnings, List<FunctionUrlDefinition> functionUrls,
            Map<String, EventInvokeConfig> eventInvokeConfigs) {
        this(file, functions, notYetServed, warnings, functionUrls, eventInvokeConfigs, Map.of(), List.of(),
                List.of());
    }

    /** The function callers know by {@code name}, if the template declares it. */
    public Optional<FunctionDefinition> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The API with this logical id ({@code ServerlessRestApi} for SAM's implicit REST API), if it is served. */
    public Optional<ApiDefinition> api(String logicalId) {
        return apis.stream().filter(api -> api.logicalId().equals(logicalId)).findFirst();
    }

    /** The GraphQL API with this logical id, if the template declares it. */
    public Optional<GraphQlApiDefinition> graphQlApi(String logicalId) {
        return graphQlApis.stream().filter(api -> api.logicalId().equals(logicalId)).findFirst();
    }

    /** What the template declares about the versions of the function callers know by {@code functionName}. */
    public FunctionVersioning versioning(String functionName) {
        return versioning.getOrDefault(functionName, FunctionVersioning.NONE);
    }
}
