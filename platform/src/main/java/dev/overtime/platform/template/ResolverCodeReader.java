package dev.overtime.platform.template;

import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Optional;

/**
 * Reads the code of an {@code AWS::AppSync::Resolver} or {@code FunctionConfiguration}: {@code APPSYNC_JS} code when
 * {@code Runtime} names it ({@code Code} or {@code CodeS3Location}), else VTL mapping templates
 * ({@code RequestMappingTemplate} and {@code ResponseMappingTemplate}, inline or as {@code ...S3Location} files).
 */
final class ResolverCodeReader {

    static final String APPSYNC_JS = "APPSYNC_JS";

    /** What a resolver or function without code or templates does. */
    enum WithoutCode {
        /** A Lambda data source: a direct resolver. */
        DIRECT,
        /** A pipeline resolver: no before or after step. */
        NO_STEPS,
        /** Any other data source needs a request. */
        REFUSED
    }

    private final ResolvedProperties properties;
    private final LocalTextFiles files;

    ResolverCodeReader(ResolvedProperties properties, LocalTextFiles files) {
        this.properties = properties;
        this.files = files;
    }

    /** @param without what to do when the resource has neither code nor templates */
    ResolverCode read(Mapping resource, WithoutCode without) {
        Optional<Mapping> runtime = properties.mapping(resource, "Runtime", "a map with Name: " + APPSYNC_JS
                + " and RuntimeVersion");
        if (runtime.isPresent()) {
            Mapping r = runtime.get();
            TemplateValue name = properties.value(r, "Name")
                    .orElseThrow(() -> TemplateProblem.required(r, "Name", APPSYNC_JS));
            if (!APPSYNC_JS.equals(PropertyValues.text(name, APPSYNC_JS))) {
                throw TemplateProblem.at(name, "expected the runtime " + APPSYNC_JS + ", found " + name.describe()
                        + ", which AppSync does not know");
            }
            return new ResolverCode.Js(text(resource, "Code", "CodeS3Location", "APPSYNC_JS code")
                    .orElseThrow(() -> TemplateProblem.required(resource, "Code",
                            "APPSYNC_JS code (Code, or CodeS3Location naming a local file)")));
        }
        if (resource.get("Code").isPresent() || resource.get("CodeS3Location").isPresent()) {
            TemplateValue code = resource.get("Code").or(() -> resource.get("CodeS3Location")).orElseThrow();
            throw TemplateProblem.at(code, "expected Runtime: {Name: " + APPSYNC_JS
                    + ", RuntimeVersion: 1.0.0} beside Code, found no Runtime");
        }
        Optional<String> request = text(resource, "RequestMappingTemplate", "RequestMappingTemplateS3Location",
                "request mapping template");
        Optional<String> response = text(resource, "ResponseMappingTemplate", "ResponseMappingTemplateS3Location",
                "response mapping template");
        if (request.isEmpty() && response.isEmpty()) {
            return switch (without) {
                case DIRECT -> new ResolverCode.Direct();
                case NO_STEPS -> new ResolverCode.Vtl(null, null);
                case REFUSED -> throw TemplateProblem.required(resource, "RequestMappingTemplate",
                        "a request mapping template, or Runtime APPSYNC_JS with Code, for a data source other than "
                                + "AWS_LAMBDA");
            };
        }
        if (request.isEmpty() && without == WithoutCode.REFUSED) {
            throw TemplateProblem.required(resource, "RequestMappingTemplate",
                    "a request mapping template for a data source other than AWS_LAMBDA");
        }
        return new ResolverCode.Vtl(request.orElse(null), response.orElse(null));
    }

    /** The inline text of {@code inlineKey}, or the file {@code fileKey} names; not both. */
    private Optional<String> text(Mapping resource, String inlineKey, String fileKey, String what) {
        Optional<TemplateValue> inline = properties.value(resource, inlineKey);
        Optional<TemplateValue> file = properties.value(resource, fileKey);
        if (inline.isPresent() && file.isPresent()) {
            throw TemplateProblem.at(file.get(), "expected either " + inlineKey + " or " + fileKey + ", found both");
        }
        return inline.map(v -> PropertyValues.text(v, what)).or(() -> file.map(v -> files.read(v, what)));
    }
}
