package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(byte[] json) {
        return (Map<String, Object>) Json.parse(new String(json, StandardCharsets.UTF_8));
    }

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 12);
    }

    @Test
    void fromThrowable_cutsRuntimeFramesAndEverythingBelowThem() {
        RuntimeException e = new RuntimeException("bad");
        e.setStackTrace(new StackTraceElement[] {
            frame("com.example.Fn", "handle"),
            frame("dev.overtime.runtime.subpackage.Helper", "help"),
            frame("dev.overtime.runtime.PojoHandler", "handle"),
            frame("dev.overtime.runtime.Main", "main"),
        });

        Map<String, Object> b = body(ErrorReport.fromThrowable(e));

        assertThat(b).containsEntry("errorMessage", "bad").containsEntry("errorType", "java.lang.RuntimeException");
        assertThat(b.get("stackTrace")).isEqualTo(List.of(
                "com.example.Fn.handle(Fn.java:12)",
                "dev.overtime.runtime.subpackage.Helper.help(Helper.java:12)"));
    }

    @Test
    void fromThrowable_withoutMessage_usesTheClassNameAndNestsCauses() {
        Exception root = new java.io.IOException("disk");
        Exception e = new IllegalStateException(null, root);

        Map<String, Object> b = body(ErrorReport.fromThrowable(e));

        assertThat(b).containsEntry("errorMessage", "java.lang.IllegalStateException");
        assertThat(b.get("cause")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("errorMessage", "disk").containsEntry("errorType", "java.io.IOException")
                .doesNotContainKey("cause");
    }

    @Test
    void fromThrowable_withCyclicCauses_terminates() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        Map<String, Object> report = body(ErrorReport.fromThrowable(a));

        assertThat(report.get("cause")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("errorMessage", "b").doesNotContainKey("cause");
    }

    @Test
    void fromFault_omitsAnUnknownType() {
        assertThat(new String(ErrorReport.fromFault("Invalid handler: `x'", null), StandardCharsets.UTF_8))
                .isEqualTo("{\"errorMessage\":\"Invalid handler: `x'\"}");
        assertThat(new String(ErrorReport.fromFault("m \"q\"", "T"), StandardCharsets.UTF_8))
                .isEqualTo("{\"errorMessage\":\"m \\\"q\\\"\",\"errorType\":\"T\"}");
    }
}
