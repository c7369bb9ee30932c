package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.security.FunctionPermission;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.versions.FunctionVersioning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads an AWS SAM or CloudFormation template (YAML or JSON) into the functions Overtime serves.
 */
public final class TemplateLoader {

    private static final Set<String> SECTIONS = Set.of(
            "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
            "Conditions", "Transform", "Globals", "Resources", "Outputs");

    private TemplateLoader() {
    }

    /**
     * Reads, resolves and checks a template.
     *
     * @param templateFile       the template; relative code paths start from its folder
     * @param parameterOverrides parameter values that replace the template's defaults
     * @param ctx                region, account and stack name; {@code null} for {@link TemplateContext#defaultsFor}
     * @return the functions and what the template declares that Overtime does not serve
     * @throws TemplateException when the template cannot be served, naming file, line and property
     */
    public static LoadedTemplate load(Path templateFile, Map<String, String> parameterOverrides,
            TemplateContext ctx) {
        Objects.requireNonNull(templateFile, "templateFile");
        Map<String, String> overrides = parameterOverrides == null ? Map.of() : parameterOverrides;
        TemplateContext context = ctx == null ? TemplateContext.defaultsFor(templateFile) : ctx;
        try {
            return load(templateFile, overrides, context, TemplateYamlReader.read(templateFile));
        } catch (TemplateProblem problem) {
            String file = problem.file() == null ? templateFile.toString() : problem.file().toString();
            throw new TemplateException(file, problem.line(), problem.path(), problem.getMessage());
        }
    }

    private static LoadedTemplate load(Path templateFile, Map<String, String> overrides, TemplateContext ctx,
            Mapping root) {
        List<String> warnings = new ArrayList<>();
        root.entries().keySet().stream()
                .filter(section -> !SECTIONS.contains(section))
                .forEach(section -> warnings.add(section + ": not a template section; ignored"));
        Map<String, TemplateParameter> parameters =
                ParametersReader.read(root.get("Parameters"), overrides, warnings);
        GlobalsMerger apiGlobals = GlobalsMerger.from(root.get("Globals"), "Api");
        GlobalsMerger httpApiGlobals = GlobalsMerger.from(root.get("Globals"), "HttpApi");
        Map<String, TemplateResource> resources = withGlobals(ResourcesReader.read(root), Map.of(
                ResourceTypes.SERVERLESS_FUNCTION, GlobalsMerger.from(root.get("Globals")),
                ResourceTypes.SERVERLESS_API, apiGlobals,
                ResourceTypes.SERVERLESS_HTTP_API, httpApiGlobals));
        resources = SamGraphQlApis.expand(resources);
        IntrinsicResolver resolver = new IntrinsicResolver(ctx, parameters, resources);
        Path folder = templateFile.toAbsolutePath().normalize().getParent();
        TemplateLayers layers = TemplateLayers.read(resources, folder, resolver, warnings);
        FunctionPropertiesReader reader = new FunctionPropertiesReader(folder, resolver, warnings,
                new FunctionLayersReader(layers, resolver, warnings));

        List<FunctionDefinition> functions = new ArrayList<>();
        List<NotServedResource> notYetServed = new ArrayList<>();
        UniqueFunctionNames names = new UniqueFunctionNames();
        Map<String, String> functionNames = new LinkedHashMap<>();
        for (TemplateResource resource : resources.values()) {
            if (ResourceTypes.isFunction(resource.type())) {
                resource.definition().get("Condition").ifPresent(condition -> warnings.add(resource.logicalId()
                        + ".Condition: not evaluated; the function is served"));
                FunctionDefinition function = reader.read(resource);
                names.add(resource, function.name());
                functionNames.put(resource.logicalId(), function.name());
                functions.add(function);
            } else if (!resource.type().equals(ResourceTypes.EVENT_INVOKE_CONFIG)
                    && !resource.type().equals(ResourceTypes.LAMBDA_URL)
                    && !ResourceTypes.isVersionOrAlias(resource.type())
                    && !TemplateLayers.isLayer(resource.type())
                    && !ResourceTypes.isApiGateway(resource.type())
                    && !ResourceTypes.isAppSync(resource.type())
                    && !resource.type().equals(ResourceTypes.IAM_ROLE)
                    && !resource.type().equals(ResourceTypes.LAMBDA_PERMISSION)) {
                ResourceTypes.notYetServedReason(resource.type()).ifPresentOrElse(
                        reason -> notYetServed.add(new NotServedResource(resource.logicalId(), resource.type(), reason)),
                        () -> warnings.add(resource.logicalId() + ": " + resource.type() + " ignored"));
            }
        }
        // Read once every function is known, since a version, an alias or a destination may name a function
        // declared further down.
        Map<String, FunctionVersioning> versioning =
                new FunctionVersioningReader(resolver, resources, functionNames, warnings).read();
        DeclaredVersions declared = new DeclaredVersions(versioning);
        List<FunctionUrlDefinition> functionUrls = functionUrls(resources, functionNames,
                new FunctionUrlsReader(resolver, declared, warnings));
        Map<String, EventInvokeConfig> eventInvokeConfigs =
                new EventInvokeConfigReader(ctx, resolver, resources, functionNames, declared, warnings)
                        .read(System.currentTimeMillis());
        List<ApiDefinition> apis = new ApisReader(ctx, resolver, resources, templateFile, functionNames, declared,
                apiGlobals.globals(), httpApiGlobals.globals(), warnings).read();
        apis = ApiKeysReader.withKeys(apis, resources, resolver, ctx, warnings);
        List<GraphQlApiDefinition> graphQlApis =
                new GraphQlApisReader(ctx, resolver, resources, folder, functionNames.values(), warnings).read();
        List<FunctionPermission> permissions =
                new PermissionsReader(resolver, functionNames.values(), warnings).read(resources);
        return new LoadedTemplate(templateFile.toAbsolutePath().normalize(), functions, notYetServed, warnings,
                functionUrls, eventInvokeConfigs, versioning, apis, graphQlApis, permissions);
    }

    /** The URLs of functions and of {@code AWS::Lambda::Url} resources, in template order. */
    private static List<FunctionUrlDefinition> functionUrls(Map<String, TemplateResource> resources,
            Map<String, String> functionNames, FunctionUrlsReader urls) {
        List<FunctionUrlDefinition> functionUrls = new ArrayList<>();
        for (TemplateResource resource : resources.values()) {
            if (ResourceTypes.isFunction(resource.type())) {
                urls.fromFunction(resource, functionNames.get(resource.logicalId())).ifPresent(functionUrls::add);
            } else if (resource.type().equals(ResourceTypes.LAMBDA_URL)) {
                urls.fromResource(resource).ifPresent(functionUrls::add);
            }
        }
        return functionUrls;
    }

    /**
     * The resources with {@code Globals.Function} merged into every {@code AWS::Serverless::Function}, and
     * {@code Globals.Api} and {@code Globals.HttpApi} into SAM's APIs.
     */
    private static Map<String, TemplateResource> withGlobals(Map<String, TemplateResource> resources,
            Map<String, GlobalsMerger> globalsByType) {
        Map<String, TemplateResource> merged = new LinkedHashMap<>();
        resources.forEach((logicalId, resource) -> {
            GlobalsMerger globals = globalsByType.get(resource.type());
            merged.put(logicalId, globals == null ? resource
                    : resource.withProperties(globals.mergeInto(resource.properties())));
        });
        return merged;
    }
}
