package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import dev.overtime.platform.testfunctions.ApiRecorder;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The issue's seed API, model and mapping template exactly as written, from a SAM template. */
class SeedApiTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String template(Path records) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: worker
                      Runtime: java21
                      Handler: %s
                      CodeUri: %s
                      Timeout: 10
                      Environment:
                        Variables:
                          RECORD_DIR: %s
                  SeedApi:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: Prod
                      DefinitionBody:
                        swagger: "2.0"
                        info: { title: seed, version: "1.0" }
                        x-amazon-apigateway-request-validators:
                          body-only: { validateRequestBody: true, validateRequestParameters: false }
                        paths:
                          /run:
                            post:
                              parameters:
                                - { in: body, name: RunRequest, required: true, schema: { $ref: "#/definitions/RunRequest" } }
                              x-amazon-apigateway-request-validator: body-only
                              x-amazon-apigateway-integration:
                                type: aws
                                httpMethod: POST
                                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Worker.Arn}/invocations
                                passthroughBehavior: when_no_templates
                                requestTemplates:
                                  application/json: |-
                                    #set( $meta = $input.path("$.meta") )
                                    #if( $meta.containsKey("async") && $meta["async"].equals(true) )
                                    #set( $context.requestOverride.header["X-Amz-Invocation-Type"] = "Event" )
                                    #end
                                    ${input.json("$")}
                                responses:
                                  default: { statusCode: "200" }
                        definitions:
                          RunRequest:
                            $schema: "http://json-schema.org/draft-04/schema#"
                            type: object
                            required: [ meta ]
                            properties:
                              "meta" : { "type" : "object", "required" : [ "clientRequestId" ], "additionalProperties" : false,
                                "properties" : { "async" : { "type" : [ "boolean" ] },
                                                 "clientRequestId" : { "type" : [ "string" ], "format" : "guid" } } }
                """.formatted(ApiRecorder.class.getName(), TestFunctions.testClasses(), records);
    }

    @Test
    void theSeedRunsUnchanged() throws Exception {
        Path records = Files.createDirectories(dir.resolve("records"));
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, template(records));
        LoadedTemplate loaded = TemplateLoader.load(file, Map.of(), TemplateContext.defaultsFor(file));
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                .withEcho(false)).withConsole(new PrintStream(new ByteArrayOutputStream()));
        try (Platform platform = Platform.start(config, loaded.functions(), loaded.functionUrls(),
                loaded.eventInvokeConfigs(), loaded.versioning(), loaded.apis())) {
            String url = platform.apis().iterator().next().url() + "/run";
            HttpClient http = HttpClient.newHttpClient();

            for (String invalid : List.of("{\"meta\":{\"clientRequestId\":42}}",
                    "{\"meta\":{\"clientRequestId\":\"a\",\"extra\":true}}", "{\"meta\":{\"async\":true}}",
                    "{\"meta\":{\"clientRequestId\":\"b\",\"async\":\"yes\"}}")) {
                HttpResponse<String> refused = post(http, url, invalid);
                assertThat(refused.statusCode()).as(invalid).isEqualTo(400);
                assertThat(refused.body()).contains("Invalid request body");
            }
            assertThat(platform.functions().find("worker").orElseThrow().latest().pool().describe())
                    .as("the function never ran").isEmpty();

            HttpResponse<String> waited = post(http, url, "{\"meta\":{\"clientRequestId\":\"sync-1\"}}");
            assertThat(waited.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(waited.body()).path("meta").path("clientRequestId").asText()).isEqualTo("sync-1");

            HttpResponse<String> queued = post(http, url, "{\"meta\":{\"clientRequestId\":\"async-1\",\"async\":true}}");
            assertThat(queued.statusCode()).isEqualTo(200);
            assertThat(queued.body()).isEmpty();
            Eventually.await("the queued event runs", Duration.ofSeconds(20), () -> recorded(records, "async-1"));
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean recorded(Path records, String id) {
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                if (Files.readString(f).contains(id)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
