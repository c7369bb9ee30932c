package dev.overtime.platform.appsync.js;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an {@code APPSYNC_JS} ES module into a plain script Rhino can run: {@code import}s from
 * {@code @aws-appsync/utils} become constants bound to the built-in module, {@code export} keywords are dropped,
 * and the script ends by handing {@code request} and {@code response} back. Every rewrite keeps the line count, so
 * error lines still point into the user's file.
 */
final class JsModuleSource {

    static final String UTILS_MODULE = "@aws-appsync/utils";
    /** The global the rewritten imports read from; not reachable under this name from user code by accident. */
    static final String MODULES_GLOBAL = "__overtimeModules";
    /** The global the script's last statement fills with the handlers. */
    static final String EXPORTS_GLOBAL = "__overtimeExports";

    private static final Pattern IMPORT = Pattern.compile(
            "^[ \\t]*import\\s+(?<what>\\{[^}]*}|\\*\\s*as\\s+[A-Za-z_$][\\w$]*|[A-Za-z_$][\\w$]*)\\s*"
                    + "from\\s*(['\"])(?<module>[^'\"]+)\\2[ \\t]*;?",
            Pattern.MULTILINE);
    private static final Pattern BARE_IMPORT = Pattern.compile("^[ \\t]*import\\s*(['\"])(?<module>[^'\"]+)\\1",
            Pattern.MULTILINE);
    private static final Pattern EXPORT_LIST = Pattern.compile("^[ \\t]*export\\s*\\{(?<names>[^}]*)}[ \\t]*;?",
            Pattern.MULTILINE);
    private static final Pattern EXPORT_DECLARATION = Pattern.compile(
            "^([ \\t]*)export\\s+(?=(?:async\\s+)?function\\b|const\\b|let\\b|var\\b)", Pattern.MULTILINE);
    private static final Pattern EXPORT_DEFAULT = Pattern.compile("^[ \\t]*export\\s+default\\b", Pattern.MULTILINE);
    // Rhino parses for-of/for-in only with let or var; const is equivalent there because the body cannot
    // legally reassign the loop variable.
    private static final Pattern FOR_CONST = Pattern.compile("\\bfor(\\s*)\\((\\s*)const\\b");

    private JsModuleSource() {
    }

    /**
     * @param source the module as written
     * @param where  names the code in error messages, e.g. {@code "resolver Mutation.ask"}
     * @throws IllegalArgumentException for an import of a module the runtime does not provide
     */
    static String toScript(String source, String where) {
        String script = replaceImports(source, where);
        Matcher bare = BARE_IMPORT.matcher(script);
        if (bare.find()) {
            throw unsupportedModule(where, script, bare.start(), bare.group("module"));
        }
        if (EXPORT_DEFAULT.matcher(script).find()) {
            throw new IllegalArgumentException(where + ": export default is not supported;"
                    + " export functions named request and response");
        }
        script = replaceExportLists(script);
        script = EXPORT_DECLARATION.matcher(script).replaceAll("$1");
        script = FOR_CONST.matcher(script).replaceAll("for$1($2let");
        script = ObjectRestRewrite.rewrite(script);
        return script + "\n;" + EXPORTS_GLOBAL + " = {"
                + " request: typeof request === 'function' ? request : undefined,"
                + " response: typeof response === 'function' ? response : undefined };\n";
    }

    private static String replaceImports(String source, String where) {
        Matcher m = IMPORT.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String module = m.group("module");
            if (!module.equals(UTILS_MODULE)) {
                throw unsupportedModule(where, source, m.start(), module);
            }
            String binding = bindingFor(m.group("what").trim());
            m.appendReplacement(out, Matcher.quoteReplacement(binding + newlinesIn(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code {util, runtime as rt}} -> {@code const util = M.util, rt = M.runtime;}; {@code * as u} -> {@code const u = M;}. */
    private static String bindingFor(String what) {
        String module = MODULES_GLOBAL + "['" + UTILS_MODULE + "']";
        if (what.startsWith("*")) {
            return "const " + what.substring(what.indexOf("as") + 2).trim() + " = " + module + ";";
        }
        if (!what.startsWith("{")) {
            return "const " + what + " = " + module + ";";
        }
        StringBuilder consts = new StringBuilder();
        for (String item : what.substring(1, what.length() - 1).split(",")) {
            String[] parts = item.trim().split("\\s+as\\s+");
            if (parts[0].isEmpty()) {
                continue;
            }
            String local = parts.length == 2 ? parts[1].trim() : parts[0];
            consts.append(consts.isEmpty() ? "const " : ", ").append(local).append(" = ").append(module)
                    .append('.').append(parts[0]);
        }
        return consts.isEmpty() ? "" : consts + ";";
    }

    /** {@code export { a, b as response }} -> {@code var response = b;} (plain names are already in scope). */
    private static String replaceExportLists(String script) {
        Matcher m = EXPORT_LIST.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder aliases = new StringBuilder();
            for (String item : m.group("names").split(",")) {
                String[] parts = item.trim().split("\\s+as\\s+");
                if (parts.length == 2) {
                    aliases.append("var ").append(parts[1].trim()).append(" = ").append(parts[0].trim()).append(';');
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(aliases + newlinesIn(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String newlinesIn(String text) {
        return "\n".repeat((int) text.chars().filter(c -> c == '\n').count());
    }

    private static IllegalArgumentException unsupportedModule(String where, String source, int offset,
                                                              String module) {
        int line = 1 + (int) source.substring(0, offset).chars().filter(c -> c == '\n').count();
        String hint = module.startsWith(UTILS_MODULE + "/")
                ? " (only '" + UTILS_MODULE + "' is provided; its " + module.substring(UTILS_MODULE.length() + 1)
                        + " helpers are not)"
                : " (only '" + UTILS_MODULE + "' can be imported)";
        return new IllegalArgumentException(where + ", line " + line + ": cannot import '" + module + "'" + hint);
    }
}
