package dev.overtime.platform.apigateway.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.apigateway.mapping.MappingException.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** API Gateway's mapping-template variables, as the VTL in public templates and AWS's reference use them. */
class MappingTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request template of pattern A: the caller's {@code meta.async} picks an asynchronous invocation. */
    static final String SEED = """
            #set( $meta = $input.path('$.meta') )
            #if( $meta["async"].equals(true) )
            #set( $context.requestOverride.header["X-Amz-Invocation-Type"] = "Event" )
            #end
            $input.json('$')
            """;

    /** The same, as AWS's documentation and public IaC write it. */
    static final String SEED_DOC_FORM = """
            #set($b = $input.path('$'))
            #if($b.meta.async == true)#set($context.requestOverride.header.X-Amz-Invocation-Type = "Event")#end
            $input.json('$')
            """;

    private static final String ASYNC_BODY =
            "{\"meta\": {\"clientRequestId\": \"0b9c6a1e-2d4f-4c1a-9b8e-3f2a1c0d9e8f\", \"async\": true}}";
    private static final String SYNC_BODY = "{\"meta\":{\"clientRequestId\":\"x\",\"async\":false}}";

    private final MappingTemplates templates = new MappingTemplates();

    // ---------------------------------------------------------------- the seed template

    @Test
    void seed_asyncTrue_setsTheInvocationTypeAndPassesTheBodyThrough() throws Exception {
        for (String template : List.of(SEED, SEED_DOC_FORM)) {
            MappingResult result = templates.render(template, request(ASYNC_BODY));

            assertThat(JSON.readTree(result.output())).isEqualTo(JSON.readTree(ASYNC_BODY));
            assertThat(result.output().strip())
                    .isEqualTo("{\"meta\":{\"clientRequestId\":\"0b9c6a1e-2d4f-4c1a-9b8e-3f2a1c0d9e8f\",\"async\":true}}");
            assertThat(result.headerOverrides()).containsExactly(Map.entry("X-Amz-Invocation-Type", "Event"));
            assertThat(result.statusOverride()).isNull();
        }
    }

    @Test
    void seed_asyncFalseOrMissing_setsNothing() throws Exception {
        for (String template : List.of(SEED, SEED_DOC_FORM)) {
            for (String body : List.of(SYNC_BODY, "{\"meta\":{\"clientRequestId\":\"x\"}}", "{}")) {
                MappingResult result = templates.render(template, request(body));

                assertThat(JSON.readTree(result.output())).as(body).isEqualTo(JSON.readTree(body));
                assertThat(result.headerOverrides()).as(body).isEmpty();
            }
        }
    }

    @Test
    void seed_asyncAsAString_equalsIsStrictButDoubleEqualsComparesText() throws Exception {
        // Velocity compares values of different classes by their toString(), so "true" == true holds.
        String body = "{\"meta\":{\"async\":\"true\"}}";
        assertThat(templates.render(SEED, request(body)).headerOverrides()).isEmpty();
        assertThat(templates.render(SEED_DOC_FORM, request(body)).headerOverrides())
                .containsEntry("X-Amz-Invocation-Type", "Event");
    }

    @Test
    void seed_rendersTenThousandTimesFromOneParse() throws Exception {
        MappingContext request = request(ASYNC_BODY);
        MappingResult last = null;
        for (int i = 0; i < 10_000; i++) {
            last = templates.render(SEED, request);
        }
        assertThat(templates.cachedTemplates()).isEqualTo(1);
        assertThat(last.headerOverrides()).containsEntry("X-Amz-Invocation-Type", "Event");
    }

    // ---------------------------------------------------------------- $input

    @Test
    void inputBody_isTheRawPayload() throws Exception {
        assertThat(render("$input.body", "{ \"a\" : 1 }")).isEqualTo("{ \"a\" : 1 }");
        assertThat(render("[$input.body]", "{a")).isEqualTo("[{a]");
    }

    @Test
    void inputJson_givesCompactJsonOfTheSelection() throws Exception {
        String body = "{\"pets\":[{\"id\":1,\"type\":\"dog\",\"price\":249.99},{\"id\":2,\"type\":\"cat\"}],"
                + "\"name\":\"Rex\",\"n\":null}";
        assertThat(render("$input.json('$')", body)).isEqualTo(body);
        assertThat(render("$input.json('$.pets[0]')", body)).isEqualTo("{\"id\":1,\"type\":\"dog\",\"price\":249.99}");
        assertThat(render("$input.json('$.name')", body)).isEqualTo("\"Rex\"");
        assertThat(render("$input.json('$.pets[1].id')", body)).isEqualTo("2");
        assertThat(render("$input.json('$.pets[*].type')", body)).isEqualTo("[\"dog\",\"cat\"]");
        assertThat(render("$input.json(\"$.n\")", body)).isEqualTo("null");
        assertThat(render("$input.json('$.missing')", body)).isEqualTo("null");
        assertThat(render("$input.json('$.missing[*]')", body)).isEqualTo("[]");
    }

    @Test
    void inputJson_emptyPayloadIsAnEmptyObjectAndTextIsAString() throws Exception {
        assertThat(render("$input.json('$')", "")).isEqualTo("{}");
        assertThat(render("$input.json('$')", "a=b")).isEqualTo("\"a=b\"");
        assertThat(render("\"$input.path('$')\"", "a=b")).isEqualTo("\"a=b\"");
        assertThat(render("$input.json('$')", "\"a=b\"")).isEqualTo("\"a=b\"");
    }

    @Test
    void inputJson_brokenJsonPayload_isAnInvalidPayloadError() {
        for (String body : List.of("{a", "[a", "{\"meta\":", "{\"a\":1}}")) {
            assertThatThrownBy(() -> templates.render("{\n  \"b\": $input.json('$')\n}", request(body)))
                    .as(body)
                    .isInstanceOfSatisfying(MappingException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.INVALID_PAYLOAD);
                        assertThat(e.getMessage()).startsWith("Could not process payload");
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.column()).isEqualTo(15); // Velocity points at the method: json(
                    });
        }
    }

    @Test
    void inputPath_mapsSupportContainsKeyIndexAndProperties() throws Exception {
        String body = "{\"meta\":{\"async\":true,\"clientRequestId\":\"r-1\",\"count\":3,\"ratio\":0.5}}";
        String template = """
                #set($meta = $input.path('$.meta'))
                $meta.containsKey("async") $meta.containsKey("nope") $meta["clientRequestId"] $meta.clientRequestId \
                $meta.get("count") $meta.ratio #if($meta["async"].equals(true))yes#end #if($meta.async == true)yes#end \
                #if($meta.count == 3)three#end #if($meta.count > 2)more#end""";
        assertThat(render(template, body).strip()).isEqualTo("true false r-1 r-1 3 0.5 yes yes three more");
    }

    @Test
    void inputPath_listsSupportSizeIndexAndIteration() throws Exception {
        String body = "{\"things\":{\"1\":{},\"2\":{},\"3\":{}},\"ids\":[10,20,30],\"items\":[{\"n\":\"a\"},{\"n\":\"b\"}]}";
        assertThat(render("$input.path('$.things').size()", body)).isEqualTo("3");
        assertThat(render("$input.path('$.ids').size() $input.path('$.ids')[1] $input.path('$.ids').get(2)", body))
                .isEqualTo("3 20 30");
        assertThat(render("#foreach($i in $input.path('$.items'))$i.n#if($foreach.hasNext),#end#end", body))
                .isEqualTo("a,b");
        assertThat(render("$input.path('$.items[*].n')", body)).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void inputPath_printsObjectsAsJavaMapsAndArraysAsJson() throws Exception {
        String body = "{\"a\":1,\"b\":[{\"c\":5}]}";
        assertThat(render("$input.path('$')", body)).isEqualTo("{a=1, b=[{\"c\":5}]}");
        assertThat(render("$input.path('$').b", body)).isEqualTo("[{\"c\":5}]");
    }

    @Test
    void inputPath_returnsAFreshCopyEachTime() throws Exception {
        String template = "#set($b = $input.path('$'))#set($ignored = $b.put('x', 1))$input.json('$') $b.x";
        assertThat(render(template, "{\"a\":1}")).isEqualTo("{\"a\":1} 1");
    }

    @Test
    void inputPath_missingSelectionRendersAsNothing() throws Exception {
        assertThat(render("[$input.path('$.missing')][$input.path('$').item2]", "{\"a\":1}")).isEqualTo("[][]");
        assertThat(render("#if($input.path('$.missing'))set#{else}unset#end", "{}")).isEqualTo("unset");
    }

    @Test
    void inputPath_badJsonPath_isARenderError() {
        assertThatThrownBy(() -> templates.render("ok\n $input.path('$.[') ", request("{}")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RENDER);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(9);
                });
    }

    @Test
    void inputParams_searchesPathThenQueryStringThenHeaders() throws Exception {
        MappingContext request = new MappingContext("{}", Map.of("id", "from-path"),
                Map.of("id", List.of("from-query"), "name", List.of("first", "last"), "q", List.of("query")),
                Map.of("id", List.of("from-header"), "q", List.of("header"), "X-Api-Version", List.of("2")),
                Map.of(), Map.of());
        assertThat(templates.render("$input.params('id') $input.params('name') $input.params('q') "
                + "$input.params('x-api-version') [$input.params('absent')]", request).output())
                .isEqualTo("from-path last query 2 []");
    }

    @Test
    void inputParams_allParametersAsMaps() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Trace", List.of("t1"));
        MappingContext request = new MappingContext("{}", Map.of("petId", "7"), Map.of("page", List.of("2")),
                headers, Map.of(), Map.of());
        String template = """
                #set($allParams = $input.params())
                {#foreach($type in $allParams.keySet())#set($params = $allParams.get($type))\
                "$type":{#foreach($name in $params.keySet())"$name":"$util.escapeJavaScript($params.get($name))"\
                #if($foreach.hasNext),#end#end}#if($foreach.hasNext),#end#end}""";
        JsonNode rendered = JSON.readTree(templates.render(template, request).output());
        assertThat(rendered).isEqualTo(JSON.readTree("""
                {"path":{"petId":"7"},"querystring":{"page":"2"},
                 "header":{"Content-Type":"application\\/json","X-Trace":"t1"}}"""));
        assertThat(templates.render("$input.params().header.get('content-type') $input.params().path.petId "
                + "$input.params().querystring['page']", request).output())
                .isEqualTo("application/json 7 2");
    }

    // ---------------------------------------------------------------- $util

    @Test
    void utilEscapeJavaScript_usesJavaScriptStringRules() throws Exception {
        assertThat(render("$util.escapeJavaScript($input.path('$.s'))",
                "{\"s\":\"it's \\\"q\\\" a\\\\b / \\n\\t\\u0001 é ☃\"}"))
                .isEqualTo("it\\'s \\\"q\\\" a\\\\b \\/ \\n\\t\\u0001 \\u00E9 \\u2603");
        assertThat(render("$util.escapeJavaScript($input.path('$.s')).replaceAll(\"\\\\'\",\"'\")", "{\"s\":\"it's\"}"))
                .isEqualTo("it's");
        assertThat(render("$util.escapeJavaScript($input.json('$'))", "{\"a\":\"b\"}"))
                .isEqualTo("{\\\"a\\\":\\\"b\\\"}");
    }

    @Test
    void utilParseJson_givesNativeObjects() throws Exception {
        String body = "{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}";
        String template = """
                #set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
                {"v" : $errorMessageObj.key2.arr[0], "k": "$errorMessageObj.key1"}""";
        assertThat(JSON.readTree(render(template, body))).isEqualTo(JSON.readTree("{\"v\":1,\"k\":\"var1\"}"));
    }

    @Test
    void utilUrlAndBase64_encodeAndDecode() throws Exception {
        assertThat(render("$util.urlEncode('a b&c=d/é')", "{}")).isEqualTo("a+b%26c%3Dd%2F%C3%A9");
        assertThat(render("$util.urlDecode('a+b%26c%3Dd%2F%C3%A9')", "{}")).isEqualTo("a b&c=d/é");
        assertThat(render("$util.base64Encode('héllo')", "{}")).isEqualTo("aMOpbGxv");
        assertThat(render("$util.base64Decode('aMOpbGxv')", "{}")).isEqualTo("héllo");
    }

    @Test
    void utilParseJson_ofNonJson_isARenderError() {
        assertThatThrownBy(() -> templates.render("$util.parseJson('{x')", request("{}")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RENDER);
                    assertThat(e.line()).isEqualTo(1);
                });
    }

    // ---------------------------------------------------------------- $context and $stageVariables

    @Test
    void context_readOnlyValuesIdentityAndAuthorizer() throws Exception {
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("principalId", "user-1");
        authorizer.put("key", "value");
        authorizer.put("numKey", 1);
        authorizer.put("boolKey", true);
        authorizer.put("claims", Map.of("email", "a@example.com"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("requestId", "req-1");
        context.put("extendedRequestId", "ext-1");
        context.put("httpMethod", "POST");
        context.put("resourcePath", "/things/{id}");
        context.put("path", "/Prod/things/abc");
        context.put("stage", "Prod");
        context.put("apiId", "abcd123456");
        context.put("accountId", "123456789012");
        context.put("domainName", "abcd123456.execute-api.localhost");
        context.put("protocol", "HTTP/1.1");
        context.put("requestTime", "04/Mar/2020:19:15:17 +0000");
        context.put("requestTimeEpoch", 1583349317000L);
        context.put("identity", Map.of("sourceIp", "192.0.2.1", "userAgent", "curl/8"));
        context.put("authorizer", authorizer);
        MappingContext request = new MappingContext("{}", Map.of(), Map.of(), Map.of(), Map.of("env", "test"), context);

        String template = "$context.requestId $context.extendedRequestId $context.httpMethod $context.resourcePath "
                + "$context.path $context.stage $context.apiId $context.accountId $context.domainName "
                + "$context.protocol|$context.requestTime|$context.requestTimeEpoch $context.identity.sourceIp "
                + "$context.identity.userAgent $context.authorizer.principalId $context.authorizer.key "
                + "$context.authorizer.numKey $context.authorizer.boolKey $context.authorizer.claims.email "
                + "[$context.identity.apiKey] $stageVariables.env $stageVariables['env'] ${stageVariables['env']}";
        assertThat(templates.render(template, request).output()).isEqualTo("req-1 ext-1 POST /things/{id} "
                + "/Prod/things/abc Prod abcd123456 123456789012 abcd123456.execute-api.localhost "
                + "HTTP/1.1|04/Mar/2020:19:15:17 +0000|1583349317000 192.0.2.1 curl/8 user-1 value 1 true "
                + "a@example.com [] test test test");
        assertThat(templates.render("#if($context.authorizer.numKey == \"1\")string#end", request).output())
                .isEqualTo("string");
    }

    @Test
    void context_setOtherKeysLastsForOneRender() throws Exception {
        MappingContext request = new MappingContext("{}", Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of("stage", "Prod"));
        assertThat(templates.render("#set($context.stage = 'x')$context.stage", request).output()).isEqualTo("x");
        assertThat(templates.render("$context.stage", request).output()).isEqualTo("Prod");
    }

    // ---------------------------------------------------------------- overrides

    @Test
    void requestOverride_headerQueryStringAndPath() throws Exception {
        String template = """
                #set($context.requestOverride.header.header3 = "$input.params('header1')$input.params('header2')")
                #set($context.requestOverride.header.header1 = "foo")
                #set($context.requestOverride.querystring.page = 2)
                #set($context.requestOverride.path["petId"] = "9")
                $input.json("$")
                """;
        MappingContext request = new MappingContext("{\"a\":1}", Map.of(), Map.of(),
                Map.of("header1", List.of("h1"), "header2", List.of("h2")), Map.of(), Map.of());
        MappingResult result = templates.render(template, request);
        assertThat(result.output().strip()).isEqualTo("{\"a\":1}");
        assertThat(result.headerOverrides()).containsExactly(Map.entry("header3", "h1h2"), Map.entry("header1", "foo"));
        assertThat(result.queryOverrides()).containsExactly(Map.entry("page", "2"));
        assertThat(result.pathOverrides()).containsExactly(Map.entry("petId", "9"));
    }

    @Test
    void responseOverride_statusAndHeaders() throws Exception {
        String template = """
                #set($inputRoot = $input.path('$'))
                $input.json("$")
                #if($inputRoot.toString().contains("error"))
                #set($context.responseOverride.status = 400)
                #set($context.responseOverride.header.X-Reason = "bad")
                #end
                """;
        MappingResult result = templates.render(template, request("{\"errors\":[{\"key\":\"petId\"}]}"));
        assertThat(result.statusOverride()).isEqualTo(400);
        assertThat(result.responseHeaderOverrides()).containsExactly(Map.entry("X-Reason", "bad"));

        MappingResult ok = templates.render(template, request("{\"id\":1}"));
        assertThat(ok.statusOverride()).isNull();
        assertThat(ok.responseHeaderOverrides()).isEmpty();
        assertThat(templates.render("#set($context.responseOverride.status = \"202\")", request("{}")).statusOverride())
                .isEqualTo(202);
    }

    @Test
    void overrides_canBeReadBack() throws Exception {
        String template = "#set($context.requestOverride.header.X-A = 'v')$context.requestOverride.header.X-A "
                + "$context.requestOverride.header['x-a']";
        assertThat(render(template, "{}")).isEqualTo("v v");
    }

    @Test
    void overrides_areFinal_settingOneTwiceFails() {
        List<String> twice = List.of(
                "#set($context.requestOverride.header.X-Amz-Invocation-Type = 'Event')\n"
                        + "#set($context.requestOverride.header.X-Amz-Invocation-Type = 'RequestResponse')",
                "#set($context.requestOverride.header.X-Amz-Invocation-Type = 'Event')\n"
                        + "#set($context.requestOverride.header['x-amz-invocation-type'] = 'Event')",
                "#set($context.requestOverride.querystring.a = 1)\n#set($context.requestOverride.querystring.a = 2)",
                "#set($context.requestOverride.path.a = 1)\n#set($context.requestOverride.path.a = 1)",
                "#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)",
                "#set($context.responseOverride.header.A = 1)\n#set($context.responseOverride.header.A = 1)");
        for (String template : twice) {
            assertThatThrownBy(() -> templates.render(template, request("{}")))
                    .as(template)
                    .isInstanceOfSatisfying(MappingException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.OVERRIDE_REPEATED);
                        assertThat(e.getMessage()).contains("already set");
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.column()).isPositive();
                    });
        }
    }

    @Test
    void overrides_badStatusOrReplacingTheObject_isARenderError() {
        for (String template : List.of("#set($context.responseOverride.status = 'soon')",
                "#set($context.responseOverride.status = 99)",
                "#set($context.requestOverride.header = 'x')",
                "#set($context.requestOverride = 'x')")) {
            assertThatThrownBy(() -> templates.render(template, request("{}")))
                    .as(template)
                    .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RENDER));
        }
    }

    // ---------------------------------------------------------------- the engine

    @Test
    void nullReferences_renderAsNothing() throws Exception {
        assertThat(render("[$nothing][$context.identity.apiKey][$input.path('$.a.b.c')][$!quiet]", "{}"))
                .isEqualTo("[][][][]");
    }

    @Test
    void syntaxError_reportsLineAndColumn() {
        assertThatThrownBy(() -> templates.render("{\n  \"a\": #if($x\n}", request("{}")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                });
        assertThatThrownBy(() -> templates.render("#foreach($a in $b)\n#end\n#end", request("{}")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    @Test
    void syntaxError_atTheEnd_saysSo() {
        assertThatThrownBy(() -> templates.render("#if(", request("{}")))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.getMessage()).contains("the end of the template").doesNotContain("u001c");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(5);
                });
    }

    @Test
    void syntaxError_isRememberedWithTheTemplate() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> templates.render("#if(", request("{}")))
                    .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SYNTAX));
        }
        assertThat(templates.cachedTemplates()).isEqualTo(1);
    }

    @Test
    void templates_cannotReachClassesReflectionOrFiles() throws Exception {
        assertThat(render("[$input.getClass().forName('java.lang.Runtime').getRuntime()]", "{}")).isEqualTo("[]");
        assertThat(render("[$util.getClass().getClassLoader()]", "{}")).isEqualTo("[]");
        assertThat(render("[$input.body.getClass().getDeclaredMethods()]", "{}")).isEqualTo("[]");
        assertThat(render("[$input.getClass().getName()]", "{}"))
                .isEqualTo("[dev.overtime.platform.apigateway.mapping.TemplateInput]");
        for (String include : List.of("#parse('/etc/passwd')", "#include('/etc/passwd')",
                "#parse('velocity.properties')")) {
            assertThatThrownBy(() -> templates.render(include, request("{}")))
                    .as(include)
                    .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RENDER));
        }
    }

    @Test
    void macros_stayInTheirTemplate() throws Exception {
        assertThat(render("#macro(greet $n)hi $n#end#greet('a')", "{}")).isEqualTo("hi a");
        assertThat(render("#greet('b')", "{}")).isEqualTo("#greet('b')");
    }

    @Test
    void ifTestsOnlyNullAndFalse_asVelocity17() throws Exception {
        assertThat(render("#if($input.path('$.s'))set#end #if($input.path('$.z'))zero#end", "{\"s\":\"\",\"z\":0}"))
                .isEqualTo("set zero");
    }

    @Test
    void concurrentRenders_keepTheirOwnOverrides() throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            boolean async = t % 2 == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        MappingResult r = templates.render(SEED, request(async ? ASYNC_BODY : SYNC_BODY));
                        if (r.headerOverrides().isEmpty() == async) {
                            failures.incrementAndGet();
                        }
                    } catch (MappingException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).hasValue(0);
    }

    private String render(String template, String body) throws MappingException {
        return templates.render(template, request(body)).output();
    }

    private static MappingContext request(String body) {
        return new MappingContext(body, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
}
