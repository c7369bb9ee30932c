package dev.overtime.platform.versions;

import dev.overtime.platform.testing.AwsErrorCodes;
import dev.overtime.platform.testing.PlatformHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PublishVersion, ListVersionsByFunction, the alias operations and DeleteFunction of a version, through the SDK. */
class VersionsApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    static Path dir;
    static PlatformHarness harness;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(dir.resolve("data"),
                Reporters.reporter(dir, "publisher", "one", Map.of()),
                Reporters.reporter(dir, "stale", "one", Map.of()),
                Reporters.reporter(dir, "many", "one", Map.of()),
                Reporters.reporter(dir, "aliased", "one", Map.of()),
                Reporters.reporter(dir, "listed", "one", Map.of()),
                Reporters.reporter(dir, "deleted", "one", Map.of()));
        lambda = harness.lambda();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** Publishes a new version of {@code function}, changing its Timeout first so that it differs. */
    private static String publishChanged(String function, int timeout) {
        lambda.updateFunctionConfiguration(r -> r.functionName(function).timeout(timeout));
        return lambda.publishVersion(r -> r.functionName(function)).version();
    }

    @Test
    void publishVersion_answersTheVersionsConfiguration_andTwiceWithoutChangesTheSameVersion() {
        PublishVersionResponse first = lambda.publishVersion(r -> r.functionName("publisher").description("first"));

        assertThat(first.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(first.version()).isEqualTo("1");
        assertThat(first.functionArn()).isEqualTo(ARN + "publisher:1");
        assertThat(first.description()).isEqualTo("first");
        assertThat(first.codeSha256()).isEqualTo(lambda.getFunctionConfiguration(r -> r.functionName("publisher"))
                .codeSha256());

        PublishVersionResponse again = lambda.publishVersion(r -> r.functionName("publisher"));
        assertThat(again.version()).isEqualTo("1");
        assertThat(again.revisionId()).isEqualTo(first.revisionId());
    }

    @Test
    void publishVersion_withAStaleRevisionIdOrCodeSha_isRefused() {
        String revision = lambda.getFunctionConfiguration(r -> r.functionName("stale")).revisionId();
        lambda.updateFunctionConfiguration(r -> r.functionName("stale").timeout(7));

        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("stale").revisionId(revision)))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("Revision Id")
                .satisfies(e -> assertThat(((PreconditionFailedException) e).statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("stale").codeSha256("bm9wZQ==")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("CodeSHA256");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("stale")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST");
    }

    @Test
    void publishVersion_ofAnUnknownFunction_isResourceNotFound() {
        assertThatThrownBy(() -> lambda.publishVersion(r -> r.functionName("nobody")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + "nobody");
    }

    @Test
    void listVersionsByFunction_listsLatestFirstThenEachVersion_pageByPage() {
        for (int i = 1; i <= 4; i++) {
            assertThat(publishChanged("many", 10 + i)).isEqualTo(Integer.toString(i));
        }

        ListVersionsByFunctionResponse first = lambda.listVersionsByFunction(r -> r.functionName("many").maxItems(2));
        assertThat(first.versions()).extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1");
        assertThat(first.versions()).extracting(FunctionConfiguration::functionArn)
                .containsExactly(ARN + "many:$LATEST", ARN + "many:1");
        assertThat(first.versions().get(1).timeout()).isEqualTo(11);
        assertThat(first.nextMarker()).isNotNull();

        ListVersionsByFunctionResponse second = lambda.listVersionsByFunction(r -> r.functionName("many").maxItems(2)
                .marker(first.nextMarker()));
        assertThat(second.versions()).extracting(FunctionConfiguration::version).containsExactly("2", "3");

        List<String> all = new ArrayList<>();
        lambda.listVersionsByFunctionPaginator(r -> r.functionName("many").maxItems(3))
                .versions().forEach(v -> all.add(v.version()));
        assertThat(all).containsExactly("$LATEST", "1", "2", "3", "4");
        assertThatThrownBy(() -> lambda.listVersionsByFunction(r -> r.functionName("many").maxItems(0)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("maxItems");
    }

    @Test
    void aliases_createGetUpdateDelete_answerAliasConfigurations() {
        String one = publishChanged("aliased", 11);
        String two = publishChanged("aliased", 12);

        CreateAliasResponse created = lambda.createAlias(r -> r.functionName("aliased").name("live")
                .functionVersion(one).description("production"));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.aliasArn()).isEqualTo(ARN + "aliased:live");
        assertThat(created.name()).isEqualTo("live");
        assertThat(created.functionVersion()).isEqualTo(one);
        assertThat(created.description()).isEqualTo("production");
        assertThat(created.routingConfig()).isNull();
        assertThat(created.revisionId()).isNotBlank();

        GetAliasResponse got = lambda.getAlias(r -> r.functionName(ARN + "aliased").name("live"));
        assertThat(got.functionVersion()).isEqualTo(one);
        assertThat(got.revisionId()).isEqualTo(created.revisionId());

        UpdateAliasResponse weighted = lambda.updateAlias(r -> r.functionName("aliased").name("live")
                .routingConfig(c -> c.additionalVersionWeights(Map.of(two, 0.25))).revisionId(got.revisionId()));
        assertThat(weighted.functionVersion()).isEqualTo(one);
        assertThat(weighted.description()).isEqualTo("production");
        assertThat(weighted.routingConfig().additionalVersionWeights()).containsExactly(Map.entry(two, 0.25));
        assertThat(weighted.revisionId()).isNotEqualTo(got.revisionId());

        UpdateAliasResponse moved = lambda.updateAlias(r -> r.functionName("aliased").name("live")
                .functionVersion(two).routingConfig(c -> c.additionalVersionWeights(Map.of())));
        assertThat(moved.functionVersion()).isEqualTo(two);
        assertThat(moved.routingConfig()).isNull();
        assertThat(Reporters.answer(Reporters.invoke(lambda, "aliased", "live")).get("version").asText())
                .isEqualTo(two);

        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("aliased").name("live")
                .description("stale").revisionId(got.revisionId())))
                .isInstanceOf(PreconditionFailedException.class);

        lambda.deleteAlias(r -> r.functionName("aliased").name("live"));
        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("aliased").name("live")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Alias not found: " + ARN + "aliased:live");
    }

    @Test
    void aliases_refuseWhatAwsRefuses() {
        String one = publishChanged("listed", 20);
        lambda.createAlias(r -> r.functionName("listed").name("taken").functionVersion(one));

        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("listed").name("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Alias not found: " + ARN + "listed:nope")
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.deleteAlias(r -> r.functionName("listed").name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("taken").functionVersion(one)))
                .isInstanceOf(ResourceConflictException.class)
                .satisfies(e -> assertThat(((ResourceConflictException) e).statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("canary")
                .functionVersion("$LATEST").routingConfig(c -> c.additionalVersionWeights(Map.of(one, 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("$LATEST");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("canary")
                .functionVersion(one).routingConfig(c -> c.additionalVersionWeights(Map.of("$LATEST", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("$LATEST");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("canary")
                .functionVersion(one).routingConfig(c -> c.additionalVersionWeights(Map.of("1", 1.5)))))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("routingConfig.additionalVersionWeights");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("canary")
                .functionVersion("$LATEST").routingConfig(c -> c.additionalVersionWeights(Map.of("1", 0.1, "2", 0.1)))))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("routingConfig.additionalVersionWeights");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("123").functionVersion(one)))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("x".repeat(129))
                .functionVersion(one)))
                .satisfies(AwsErrorCodes.code("ValidationException"));
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("listed").name("ghost").functionVersion("99")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + "listed:99");
    }

    @Test
    void listAliases_pagesByName_andFiltersByVersion() {
        String one = publishChanged("listed", 21);
        String two = publishChanged("listed", 22);
        for (String name : List.of("e", "d", "c", "b", "a")) {
            lambda.createAlias(r -> r.functionName("listed").name("page-" + name)
                    .functionVersion(name.equals("c") ? two : one));
        }

        ListAliasesResponse first = lambda.listAliases(r -> r.functionName("listed").functionVersion(one).maxItems(3));
        assertThat(first.aliases()).extracting(AliasConfiguration::name)
                .containsExactly("page-a", "page-b", "page-d");
        ListAliasesResponse rest = lambda.listAliases(r -> r.functionName("listed").functionVersion(one).maxItems(3)
                .marker(first.nextMarker()));
        assertThat(rest.aliases()).extracting(AliasConfiguration::name).containsExactly("page-e");
        assertThat(rest.nextMarker()).isNull();
        assertThat(lambda.listAliases(r -> r.functionName("listed").functionVersion(two)).aliases())
                .extracting(AliasConfiguration::aliasArn).containsExactly(ARN + "listed:page-c");
    }

    @Test
    void deleteFunction_deletesAVersion_butNotOneAnAliasUses_norTheFunction() {
        String one = publishChanged("deleted", 11);
        String two = publishChanged("deleted", 12);
        lambda.createAlias(r -> r.functionName("deleted").name("live").functionVersion(one));

        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("deleted").qualifier(one)))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("live");
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("deleted")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("template");
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("deleted").qualifier("$LATEST")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("deleted").qualifier("live")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("DeleteAlias");

        lambda.deleteFunction(r -> r.functionName("deleted").qualifier(two));

        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("deleted").qualifier(two)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("deleted:" + two)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + "deleted:" + two);
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("deleted")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", one);
        assertThat(lambda.getFunction(r -> r.functionName("deleted")).configuration().version()).isEqualTo("$LATEST");
    }

    @Test
    void malformedJson_isInvalidRequestContent_inAwsShape() throws Exception {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create(harness.endpoint()
                            + "/2015-03-31/functions/publisher/aliases"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Name\": ")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
        assertThat(response.body()).startsWith("{\"Type\":\"User\",\"message\":\"Could not parse request body into json")
                .doesNotContain("\tat ");
    }
}
