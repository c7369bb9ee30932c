package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.RequestStep;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VTL resolvers as AppSync runs them: request to the data source, response to the field's value. */
class VtlResolverCodeTest {

    static final String LAMBDA_ASYNC_REQUEST = """
            {"version":"2018-05-29","operation":"Invoke","invocationType":"Event","payload":$util.toJson($ctx.args)}""";
    static final String NONE_PUBLISH_REQUEST = """
            {
              "version": "2018-05-29",
              "payload": $util.toJson($context.arguments)
            }
            """;
    static final String ERROR_AWARE_RESPONSE = """
            #if($ctx.error)$util.error($ctx.error.message,$ctx.error.type)#end
            $util.toJson($ctx.result)
            """;

    static ResolverContext ctx(Map<String, Object> args) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("fieldName", "ask");
        info.put("parentTypeName", "Mutation");
        return new ResolverContext(new LinkedHashMap<>(args), null, null, null, info, null);
    }

    @Test
    void request_lambdaAsyncTemplate_givesInvokeEventWithTheArguments() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(LAMBDA_ASYNC_REQUEST, null, "Mutation.ask");

        RequestStep step = code.request(ctx(Map.of("question", "Why \"is\" the sky blue?", "n", 3)));

        assertThat(step).isInstanceOf(RequestStep.ToDataSource.class);
        assertThat(((RequestStep.ToDataSource) step).request()).isEqualTo(Map.of(
                "version", "2018-05-29", "operation", "Invoke", "invocationType", "Event",
                "payload", Map.of("question", "Why \"is\" the sky blue?", "n", 3)));
    }

    @Test
    void response_withoutTemplate_passesTheResultThrough() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(LAMBDA_ASYNC_REQUEST, null, "Mutation.ask");
        ResolverContext ctx = ctx(Map.of());
        Object result = Map.of("answer", List.of(1, 2));
        ctx.result = result;

        assertThat(code.response(ctx)).isSameAs(result);
    }

    @Test
    void noneDataSource_publishTemplates_echoTheArguments() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(NONE_PUBLISH_REQUEST, "$util.toJson($ctx.result)",
                "Mutation.publishChunk");
        ResolverContext ctx = ctx(Map.of("streamId", "s1", "seq", 7, "text", "héllo\n", "last", false));

        RequestStep.ToDataSource step = (RequestStep.ToDataSource) code.request(ctx);
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) step.request();
        ctx.result = request.get("payload");

        assertThat(request).containsEntry("version", "2018-05-29");
        assertThat(code.response(ctx)).isEqualTo(Map.of("streamId", "s1", "seq", 7, "text", "héllo\n",
                "last", false));
    }

    @Test
    void response_dataSourceError_raisesItWithItsType() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(LAMBDA_ASYNC_REQUEST, ERROR_AWARE_RESPONSE, "Query.get");
        ResolverContext ctx = ctx(Map.of());
        ctx.error = Map.of("message", "boom", "type", "Lambda:Unhandled");

        assertThatThrownBy(() -> code.response(ctx))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("boom");
                    assertThat(e.errorType()).isEqualTo("Lambda:Unhandled");
                });
    }

    @Test
    void response_noError_givesTheResult() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(LAMBDA_ASYNC_REQUEST, ERROR_AWARE_RESPONSE, "Query.get");
        ResolverContext ctx = ctx(Map.of());
        ctx.result = Map.of("id", "1");
        assertThat(code.response(ctx)).isEqualTo(Map.of("id", "1"));

        VtlResolverCode nullPrinting = VtlResolverCode.compile("{}", "## a comment\nnull", "Query.get");
        assertThat(nullPrinting.response(ctx)).isNull();
    }

    @Test
    void response_printingNothing_isAMappingTemplateError() {
        VtlResolverCode code = VtlResolverCode.compile("{}", "#if($ctx.error)$util.appendError('x')#end\n  ",
                "Query.get");

        assertThatThrownBy(() -> code.response(ctx(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MappingTemplate");
                    assertThat(e.getMessage()).startsWith("Template transformation yielded an empty response.");
                });
    }

    @Test
    void request_returnWithValue_isAnEarlyReturn() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("""
                #if($ctx.args.cached)
                  #return($ctx.args.cached)
                #end
                {"operation": "Invoke", "payload": {}}
                """, null, "Query.get");

        assertThat(code.request(ctx(Map.of("cached", Map.of("id", "c")))))
                .isEqualTo(new RequestStep.EarlyReturn(Map.of("id", "c")));
        assertThat(code.request(ctx(Map.of()))).isInstanceOf(RequestStep.ToDataSource.class);
    }

    @Test
    void request_bareReturn_isAnEarlyReturnOfNull() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("#return\n{not json", null, "Query.get");

        assertThat(code.request(ctx(Map.of()))).isEqualTo(new RequestStep.EarlyReturn(null));
    }

    @Test
    void response_returnInsideForeach_givesThatValue() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("{}", """
                #foreach($item in $ctx.result)
                  #if($item.pick)#return($item.name)#end
                #end
                "none"
                """, "Query.get");
        ResolverContext ctx = ctx(Map.of());
        ctx.result = List.of(Map.of("name", "a", "pick", false), Map.of("name", "b", "pick", true));

        assertThat(code.response(ctx)).isEqualTo("b");
    }

    @Test
    void appendError_addsTheErrorAndTheTemplateGoesOn() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("{}", """
                $util.appendError("partial", "Partial", {"n": 1})
                $util.appendError("again")
                $util.toJson($ctx.result)
                """, "Query.get");
        ResolverContext ctx = ctx(Map.of());
        ctx.result = "ok";

        assertThat(code.response(ctx)).isEqualTo("ok");
        assertThat(ctx.appendedErrors).hasSize(2);
        assertThat(ctx.appendedErrors.get(0)).containsEntry("message", "partial")
                .containsEntry("errorType", "Partial").containsEntry("data", Map.of("n", 1));
        assertThat(ctx.appendedErrors.get(1)).containsEntry("message", "again");
    }

    @Test
    void stash_writtenByOneStep_isReadByTheNext() throws Exception {
        VtlResolverCode first = VtlResolverCode.compile("""
                $util.qr($ctx.stash.put("userId", $ctx.args.id))
                #set($ctx.stash.count = 2)
                {"payload": null}
                """, null, "fn1");
        VtlResolverCode second = VtlResolverCode.compile("""
                {"payload": {"user": "$ctx.stash.userId", "count": $ctx.stash.count, "prev": $util.toJson($ctx.prev.result)}}
                """, null, "fn2");
        ResolverContext ctx = ctx(Map.of("id", "u-9"));

        first.request(ctx);
        ctx.prevResult = "r1";
        RequestStep.ToDataSource step = (RequestStep.ToDataSource) second.request(ctx);

        assertThat(ctx.stash).containsEntry("userId", "u-9").containsEntry("count", 2);
        assertThat(step.request()).isEqualTo(Map.of("payload", Map.of("user", "u-9", "count", 2, "prev", "r1")));
    }

    @Test
    void context_exposesIdentitySourceHeadersAndInfo() throws Exception {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("fieldName", "chunks");
        info.put("parentTypeName", "Conversation");
        info.put("variables", Map.of("v", 1));
        info.put("selectionSetList", List.of("seq", "text"));
        info.put("selectionSetGraphQL", "{ seq text }");
        ResolverContext ctx = new ResolverContext(Map.of(), Map.of("sub", "abc"), Map.of("id", "conv-1"),
                Map.of("headers", Map.of("x-api-key", "da2-k")), info, null);
        VtlResolverCode code = VtlResolverCode.compile("""
                {"sub": "$ctx.identity.sub", "parent": "$ctx.source.id", "key": "$ctx.request.headers["x-api-key"]",
                 "field": "$context.info.parentTypeName.$context.info.fieldName", "vars": $util.toJson($ctx.info.variables),
                 "first": "$ctx.info.selectionSetList[0]", "gql": "$ctx.info.selectionSetGraphQL"}
                """, null, "Conversation.chunks");

        assertThat(((RequestStep.ToDataSource) code.request(ctx)).request()).isEqualTo(Map.of(
                "sub", "abc", "parent", "conv-1", "key", "da2-k", "field", "Conversation.chunks",
                "vars", Map.of("v", 1), "first", "seq", "gql", "{ seq text }"));
    }

    @Test
    void request_printingInvalidJson_isAMappingTemplateError() {
        VtlResolverCode code = VtlResolverCode.compile("{\"payload\": $ctx.args.text}", null, "Mutation.say");

        assertThatThrownBy(() -> code.request(ctx(Map.of("text", "not quoted"))))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MappingTemplate");
                    assertThat(e.getMessage()).startsWith("Unable to parse the JSON document")
                            .contains("Mutation.say request mapping template").contains("not quoted");
                });
    }

    @Test
    void request_printingNothing_isAMappingTemplateError() {
        VtlResolverCode code = VtlResolverCode.compile("#set($x = 1)", null, "Mutation.say");

        assertThatThrownBy(() -> code.request(ctx(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> assertThat(e.errorType()).isEqualTo("MappingTemplate"));
    }

    @Test
    void compile_unparsableTemplate_namesWhereAndTheLine() {
        assertThatThrownBy(() -> VtlResolverCode.compile("{\n  \"a\": 1,\n  #if($x\n}", null, "Query.broken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Query.broken request mapping template: invalid mapping template at line 4, column 1: "
                        + "Encountered \"}\"");
        assertThatThrownBy(() -> VtlResolverCode.compile("{}", "#end", "Query.broken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Query.broken response mapping template: invalid mapping template at line 1");
    }

    @Test
    void compile_withoutRequestTemplate_isRefused() {
        assertThatThrownBy(() -> VtlResolverCode.compile(null, "$util.toJson($ctx.result)", "Query.direct"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Query.direct");
    }

    @Test
    void render_failingUtil_isAMappingTemplateErrorNamingTheLine() {
        VtlResolverCode code = VtlResolverCode.compile("{}\n\n$util.parseJson(\"{oops\")", "", "Query.bad");

        assertThatThrownBy(() -> code.request(ctx(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MappingTemplate");
                    assertThat(e.getMessage()).contains("Query.bad request mapping template failed at line 3")
                            .contains("Unable to parse the JSON document");
                });
    }

    @Test
    void templates_cannotReachTheClassPathOrReflection() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile(
                "{\"cls\": \"$ctx.getClass().forName('java.lang.Runtime')\"}", null, "Query.evil");

        Object request = ((RequestStep.ToDataSource) code.request(ctx(Map.of()))).request();

        assertThat(request.toString()).doesNotContain("java.lang.Runtime@").contains("$ctx.getClass()");
    }

    @Test
    void request_manyThreadsAtOnce_eachGetTheirOwnResult() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("""
                #set($total = 0)
                #foreach($n in $ctx.args.numbers)#set($total = $total + $n)#end
                $util.qr($ctx.stash.put("by", $ctx.args.id))
                {"id": "$ctx.args.id", "total": $total, "stash": "$ctx.stash.by"}
                """, null, "Query.sum");
        int threads = 16;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                start.await();
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    int n = thread * 1000 + i;
                    Object got = ((RequestStep.ToDataSource) code.request(
                            ctx(Map.of("id", id, "numbers", List.of(n, 1, 2))))).request();
                    Map<String, Object> expected = Map.of("id", id, "total", n + 3, "stash", id);
                    if (!expected.equals(got)) {
                        problems.add(id + " got " + got);
                    }
                }
                return problems;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (Callable<List<String>> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> future : futures) {
                problems.addAll(future.get());
            }
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
