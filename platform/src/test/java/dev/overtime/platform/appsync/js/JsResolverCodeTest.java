package dev.overtime.platform.appsync.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.overtime.platform.appsync.resolvers.RequestStep;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

class JsResolverCodeTest {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    // ---- resolvers of the GenAI chat pattern ----------------------------------------------------------------

    @Test
    void request_asyncLambdaInvoke_spreadsArgumentsAndAddsRequestId() throws Exception {
        JsResolverCode code = JsResolverCode.compile("""
                import { util } from '@aws-appsync/utils';

                export function request(ctx) {
                  return { operation: 'Invoke', invocationType: 'Event', payload: { ...ctx.args, requestId: util.autoId() } };
                }

                export function response(ctx) {
                  return null;
                }
                """, "resolver Mutation.ask");
        ResolverContext ctx = context(Map.of("question", "Why?", "conversationId", "c1"));

        RequestStep step = code.request(ctx);

        Map<String, Object> request = dataSourceRequest(step);
        assertThat(request).containsEntry("operation", "Invoke").containsEntry("invocationType", "Event");
        Map<String, Object> payload = asMap(request.get("payload"));
        assertThat(payload).containsEntry("question", "Why?").containsEntry("conversationId", "c1");
        assertThat((String) payload.get("requestId")).matches(UUID_V4);
        assertThat(code.response(ctx)).isNull();
    }

    @Test
    void request_nonePublish_passesArgumentsAsPayload() throws Exception {
        JsResolverCode code = JsResolverCode.compile("""
                export const request = (ctx) => ({ payload: ctx.args });
                export const response = (ctx) => ctx.result;
                """, "resolver Mutation.publish");
        ResolverContext ctx = context(Map.of("id", "c1", "seq", 7, "chunk", "Hel", "last", false));

        Map<String, Object> request = dataSourceRequest(code.request(ctx));

        assertThat(request.get("payload")).isEqualTo(Map.of("id", "c1", "seq", 7, "chunk", "Hel", "last", false));
        ctx.result = Map.of("id", "c1", "seq", 7);
        assertThat(code.response(ctx)).isEqualTo(Map.of("id", "c1", "seq", 7));
    }

    @Test
    void response_resultIsPlainJava_neverAnEngineObject() throws Exception {
        JsResolverCode code = compileResponse("""
                const items = [3, 1, 2].map((n) => ({ n, half: n / 2, label: `#${n}` }));
                return { items, count: items.length, first: items.find((i) => i.n === 1)?.label ?? 'none',
                         keys: Object.keys(ctx.result), nothing: undefined, flag: [1, 2].includes(2) };
                """);
        ResolverContext ctx = context(Map.of());
        ctx.result = Map.of("a", 1);

        Object result = code.response(ctx);

        assertThat(result).isInstanceOf(LinkedHashMap.class);
        Map<String, Object> map = asMap(result);
        assertThat(map).doesNotContainKey("nothing").containsEntry("count", 3).containsEntry("first", "#1")
                .containsEntry("keys", List.of("a")).containsEntry("flag", true);
        assertThat(map.get("items")).isInstanceOf(ArrayList.class);
        assertThat(asMap(((List<?>) map.get("items")).get(0))).containsEntry("n", 3).containsEntry("half", 1.5)
                .containsEntry("label", "#3");
    }

    @Test
    void response_commonLanguageFeatures_work() throws Exception {
        JsResolverCode code = compileResponse("""
                const { a, b: [first] } = ctx.args;
                let out = [];
                for (const [key, value] of Object.entries({ x: 1, y: 2 })) { out.push(`${key}=${value}`); }
                for (const k in { z: 1 }) { out.push(k); }
                const merged = Object.assign({}, { m: 1 }, { ...ctx.stash });
                return { a, first, out: out.join(','), merged, json: JSON.parse(JSON.stringify({ q: [1] })),
                         nested: ctx.args.missing?.deep ?? 'fallback', filtered: [1, 2, 3].filter((n) => n > 1) };
                """);
        ResolverContext ctx = new ResolverContext(Map.of("a", "A", "b", List.of("B")), null, null, null, null,
                new LinkedHashMap<>(Map.of("s", true)));

        Map<String, Object> result = asMap(code.response(ctx));

        assertThat(result).containsEntry("a", "A").containsEntry("first", "B").containsEntry("out", "x=1,y=2,z")
                .containsEntry("merged", Map.of("m", 1, "s", true)).containsEntry("json", Map.of("q", List.of(1)))
                .containsEntry("nested", "fallback").containsEntry("filtered", List.of(2, 3));
    }

    @Test
    void objectRestDeclaration_collectsTheOtherProperties() throws Exception {
        JsResolverCode code = compileResponse("""
                const { id, 'kind': k, missing = 'dflt', ...values } = ctx.args;
                let { ...copy } = { x: [1, 2].map((n) => n * 10) };
                return { id, k, missing, values, copy };
                """);

        Object result = code.response(context(Map.of("id", "i1", "kind", "note", "title", "T", "n", 2)));

        assertThat(result).isEqualTo(Map.of("id", "i1", "k", "note", "missing", "dflt",
                "values", Map.of("title", "T", "n", 2), "copy", Map.of("x", List.of(10, 20))));
    }

    @Test
    void objectRestInParameters_isRefusedWithItsLine() {
        assertThatThrownBy(() -> JsResolverCode.compile("""
                export function request(ctx) { return {}; }

                export function response({ result, ...others }) { return result; }
                """, "resolver Q.rest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resolver Q.rest, line 3: ")
                .hasMessageContaining("rest");
    }

    @Test
    void ctx_exposesIdentitySourceRequestInfoPrevAndError() throws Exception {
        JsResolverCode code = compileResponse("""
                return [ctx.identity?.sub, ctx.source.id, ctx.request.headers['x-api-key'], ctx.info.fieldName,
                        ctx.prev.result.n, ctx.error.message, ctx.error.type];
                """);
        ResolverContext ctx = new ResolverContext(Map.of(), Map.of("sub", "u1"), Map.of("id", "p1"),
                Map.of("headers", Map.of("x-api-key", "da2-k")), Map.of("fieldName", "ask"), null);
        ctx.prevResult = Map.of("n", 2);
        ctx.error = Map.of("message", "boom", "type", "Lambda:Unhandled");

        assertThat(code.response(ctx)).isEqualTo(List.of("u1", "p1", "da2-k", "ask", 2, "boom", "Lambda:Unhandled"));
    }

    // ---- pipelines -----------------------------------------------------------------------------------------

    @Test
    void stash_changesReachTheNextPipelineStep() throws Exception {
        JsResolverCode first = JsResolverCode.compile("""
                export function request(ctx) { ctx.stash.userId = 'u1'; ctx.stash.tags = ['a']; return {}; }
                export function response(ctx) { ctx.stash.tags.push('b'); return ctx.result; }
                """, "function first");
        JsResolverCode second = JsResolverCode.compile("""
                export function request(ctx) { return { payload: { user: ctx.stash.userId, tags: ctx.stash.tags } }; }
                export function response(ctx) { return ctx.result; }
                """, "function second");
        ResolverContext ctx = context(Map.of());

        first.request(ctx);
        first.response(ctx);
        Map<String, Object> request = dataSourceRequest(second.request(ctx));

        assertThat(ctx.stash).containsEntry("userId", "u1").containsEntry("tags", List.of("a", "b"));
        assertThat(request.get("payload")).isEqualTo(Map.of("user", "u1", "tags", List.of("a", "b")));
    }

    @Test
    void earlyReturn_inRequest_skipsTheDataSource() throws Exception {
        JsResolverCode code = JsResolverCode.compile("""
                import { runtime } from '@aws-appsync/utils';
                export function request(ctx) {
                  if (ctx.args.cached) { runtime.earlyReturn({ hello: 'world' }); }
                  return { payload: 'not reached when cached' };
                }
                export function response(ctx) { runtime.earlyReturn('early'); return 'late'; }
                """, "resolver Query.hello");

        RequestStep early = code.request(context(Map.of("cached", true)));
        RequestStep normal = code.request(context(Map.of("cached", false)));

        assertThat(early).isEqualTo(new RequestStep.EarlyReturn(Map.of("hello", "world")));
        assertThat(normal).isEqualTo(new RequestStep.ToDataSource(Map.of("payload", "not reached when cached")));
        assertThat(code.response(context(Map.of()))).isEqualTo("early");
    }

    // ---- errors --------------------------------------------------------------------------------------------

    @Test
    void utilError_raisesResolverErrorWithAllFields() {
        JsResolverCode code = compileResponse("""
                util.error('Question too long', 'ValidationError', { max: 100 }, { field: 'question' });
                return 'not reached';
                """);

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Question too long");
                    assertThat(e.errorType()).isEqualTo("ValidationError");
                    assertThat(e.data()).isEqualTo(Map.of("max", 100));
                    assertThat(e.errorInfo()).isEqualTo(Map.of("field", "question"));
                });
    }

    @Test
    void utilError_cannotBeSwallowedByCatch() {
        JsResolverCode code = compileResponse("""
                try { util.error('kept', 'Kept'); } catch (e) { return 'swallowed'; }
                return 'after';
                """);

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> assertThat(e.errorType()).isEqualTo("Kept"));
    }

    @Test
    void appendError_recordsTheErrorAndTheHandlerGoesOn() throws Exception {
        JsResolverCode code = compileResponse("""
                util.appendError('partial', 'PartialFailure', { n: 1 });
                util.appendError('second');
                return 'value';
                """);
        ResolverContext ctx = context(Map.of());

        assertThat(code.response(ctx)).isEqualTo("value");
        assertThat(ctx.appendedErrors).hasSize(2);
        assertThat(ctx.appendedErrors.get(0)).containsEntry("message", "partial")
                .containsEntry("errorType", "PartialFailure").containsEntry("data", Map.of("n", 1));
        assertThat(ctx.appendedErrors.get(1)).containsEntry("message", "second").containsEntry("errorType", null);
    }

    @Test
    void thrownJsError_becomesCodeErrorWithItsMessage() {
        JsResolverCode code = compileResponse("""
                return ctx.args.missing.field;
                """);

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("Code");
                    assertThat(e.getMessage()).contains("TypeError").contains("\"field\"").contains("line 4");
                });
    }

    @Test
    void thrownErrorObject_keepsItsMessage() {
        JsResolverCode code = compileResponse("throw new Error('custom failure');");

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("Code");
                    assertThat(e.getMessage()).startsWith("custom failure");
                });
    }

    // ---- compile-time refusals -----------------------------------------------------------------------------

    @Test
    void compile_syntaxError_namesWhereLineAndProblem() {
        assertThatThrownBy(() -> JsResolverCode.compile("""
                export function request(ctx) {
                  return { payload: ctx.args ;
                }
                export function response(ctx) { return ctx.result; }
                """, "resolver Mutation.broken"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resolver Mutation.broken, line 2: ");
    }

    @Test
    void compile_dynamodbHelpersImport_isRefusedClearly() {
        assertThatThrownBy(() -> JsResolverCode.compile("""
                import { util } from '@aws-appsync/utils';
                import * as ddb from '@aws-appsync/utils/dynamodb';
                export function request(ctx) { return ddb.get({ key: { id: 1 } }); }
                export function response(ctx) { return ctx.result; }
                """, "resolver Query.item"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolver Query.item, line 2")
                .hasMessageContaining("'@aws-appsync/utils/dynamodb'");
    }

    @Test
    void compile_missingResponse_isRefused() {
        assertThatThrownBy(() -> JsResolverCode.compile("export function request(ctx) { return {}; }", "fn x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fn x").hasMessageContaining("response");
    }

    @Test
    void compile_multiLineImportWithAlias_keepsLineNumbers() {
        assertThatThrownBy(() -> JsResolverCode.compile("""
                import {
                  util as u,
                  runtime
                } from '@aws-appsync/utils';
                export function request(ctx) { return { id: u.autoId() }; }
                export function response(ctx) { return ctx.result; }
                oops oops;
                """, "resolver Q.aliases"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resolver Q.aliases, line 7: ");
    }

    // ---- sandbox -------------------------------------------------------------------------------------------

    @Test
    void runawayLoop_isStoppedWithCodeError() {
        JsResolverCode code = JsResolverCode.compile("""
                export function request(ctx) { let n = 0; while (true) { n = n + 1; } }
                export function response(ctx) { return ctx.result; }
                """, "resolver Query.spin", Duration.ofMillis(200));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> code.request(context(Map.of())))
                        .isInstanceOfSatisfying(ResolverError.class, e -> {
                            assertThat(e.errorType()).isEqualTo("Code");
                            assertThat(e.getMessage()).contains("limit of 200 ms");
                        }));
    }

    @Test
    void runawayRecursion_isStoppedWithCodeError() {
        JsResolverCode code = compileResponse("const f = (n) => f(n + 1) + 1; return f(0);");

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> assertThat(e.errorType()).isEqualTo("Code"));
    }

    @Test
    void javaClasses_areUnreachable() throws Exception {
        JsResolverCode code = compileResponse("""
                return [typeof java, typeof Packages, typeof JavaImporter, typeof getClass, typeof load,
                        typeof readFile, typeof XMLHttpRequest, typeof fetch];
                """);

        assertThat(code.response(context(Map.of()))).isEqualTo(List.of(
                "undefined", "undefined", "undefined", "undefined", "undefined", "undefined", "undefined",
                "undefined"));
    }

    @Test
    void javaObjectBehindAValue_isUnreachable() {
        JsResolverCode code = compileResponse("return util.autoId.constructor('return java.lang.System')();");

        assertThatThrownBy(() -> code.response(context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> assertThat(e.errorType()).isEqualTo("Code"));
    }

    @Test
    void sharedLibrary_cannotBeChangedByOneCallForTheNext() throws Exception {
        JsResolverCode vandal = compileResponse("""
                try { Array.prototype.map = () => 'hijacked'; } catch (e) {}
                try { util.autoId = () => 'fixed'; } catch (e) {}
                return 'done';
                """);
        JsResolverCode victim = compileResponse("return [[1].map((n) => n + 1), util.autoId()];");

        vandal.response(context(Map.of()));
        List<?> result = (List<?>) victim.response(context(Map.of()));

        assertThat(result.get(0)).isEqualTo(List.of(2));
        assertThat((String) result.get(1)).matches(UUID_V4);
    }

    @Test
    void moduleState_isNotSharedBetweenCalls() throws Exception {
        JsResolverCode code = JsResolverCode.compile("""
                let calls = 0;
                export function request(ctx) { calls = calls + 1; return { calls }; }
                export function response(ctx) { return ctx.result; }
                """, "resolver Q.state");

        code.request(context(Map.of()));
        assertThat(dataSourceRequest(code.request(context(Map.of())))).containsEntry("calls", 1);
    }

    @Test
    void concurrentCalls_eachSeeTheirOwnContext() throws Exception {
        JsResolverCode code = JsResolverCode.compile("""
                import { util } from '@aws-appsync/utils';
                export function request(ctx) {
                  ctx.stash.seen = ctx.args.n;
                  return { payload: { n: ctx.args.n, doubled: [ctx.args.n].map((x) => x * 2)[0], id: util.autoId() } };
                }
                export function response(ctx) { return ctx.result; }
                """, "resolver Q.parallel");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                calls.add(() -> {
                    ResolverContext ctx = context(Map.of("n", n));
                    Map<String, Object> payload = asMap(dataSourceRequest(code.request(ctx)).get("payload"));
                    return payload.get("n").equals(n) && payload.get("doubled").equals(n * 2)
                            && ctx.stash.get("seen").equals(n);
                });
            }
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static JsResolverCode compileResponse(String body) {
        return JsResolverCode.compile("import { util } from '@aws-appsync/utils';\n"
                + "export function request(ctx) { return {}; }\n"
                + "export function response(ctx) {\n" + body + "\n}\n", "test response");
    }

    private static ResolverContext context(Map<String, Object> args) {
        return new ResolverContext(new LinkedHashMap<>(args), null, null, null, null, null);
    }

    private static Map<String, Object> dataSourceRequest(RequestStep step) {
        assertThat(step).isInstanceOf(RequestStep.ToDataSource.class);
        return asMap(((RequestStep.ToDataSource) step).request());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
