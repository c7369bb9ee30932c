package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a YAML or JSON template into {@link TemplateValue}s. It uses SnakeYAML's composer rather
 * than its constructor: the composed node tree keeps every node's line and lets CloudFormation's
 * {@code !Ref}-style tags through untouched, which this reader turns into {@link Intrinsic}s.
 */
final class TemplateYamlReader {

    /** The tags CloudFormation defines; {@code !X} stands for {@code Fn::X} except for these two. */
    private static final Set<String> UNPREFIXED = Set.of("Ref", "Condition");
    private static final Set<String> FN_TAGS = Set.of(
            "And", "Base64", "Cidr", "Contains", "EachMemberEquals", "EachMemberIn", "Equals",
            "FindInMap", "ForEach", "GetAtt", "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or",
            "RefAll", "Select", "Split", "Sub", "ToJsonString", "Transform", "ValueOf", "ValueOfAll");

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final int MAX_NESTING_DEPTH = 200;
    private static final Pattern LEADING_TABS = Pattern.compile("(?m)^[ \\t]+");

    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private TemplateYamlReader() {
    }

    /** Reads the template's top-level map. */
    static Mapping read(Path file) {
        String text = readText(file);
        Node root = compose(text);
        if (root == null) {
            throw new TemplateProblem(0, null, "the template is empty; expected a map with a Resources section");
        }
        TemplateValue value = new TemplateYamlReader().convert(root, 1, "");
        if (!(value instanceof Mapping mapping)) {
            throw new TemplateProblem(value.line(), null,
                    "expected a map of template sections (Resources, Parameters, ...), found " + value.describe());
        }
        return mapping;
    }

    private static String readText(Path file) {
        if (!Files.exists(file)) {
            throw new TemplateProblem(0, null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new TemplateProblem(0, null, "expected a template file, found a folder");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // Editors on Windows start UTF-8 files with a byte order mark; it would hide a JSON opening brace.
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new TemplateProblem(0, null, "expected UTF-8 text, found bytes that are not UTF-8");
        } catch (IOException e) {
            throw new TemplateProblem(0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static Node compose(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            // SnakeYAML's default of 50 levels is reachable by inline state machine or dashboard definitions.
            options.setNestingDepthLimit(MAX_NESTING_DEPTH);
            return new Yaml(options).compose(new StringReader(jsonTabsAsSpaces(text)));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new TemplateProblem(line, null, "malformed YAML: " + e.getProblem() + context);
        } catch (ReaderException e) {
            throw new TemplateProblem(lineOfOffset(text, e.getPosition()), null,
                    "malformed YAML: character U+%04X is not allowed".formatted(e.getCodePoint()));
        } catch (YAMLException e) {
            throw new TemplateProblem(0, null, "malformed YAML: " + e.getMessage());
        }
    }

    /**
     * JSON is YAML except that YAML forbids tabs in indentation, which JSON files often use.
     * Valid JSON has no raw tab inside a string, so turning indentation tabs into spaces is safe.
     */
    private static String jsonTabsAsSpaces(String text) {
        return text.stripLeading().startsWith("{")
                ? LEADING_TABS.matcher(text).replaceAll(m -> m.group().replace('\t', ' '))
                : text;
    }

    private static int lineOfOffset(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private TemplateValue convert(Node node, int line, String path) {
        if (!inProgress.add(node)) {
            throw new TemplateProblem(line, path, "expected a value, found an alias that contains itself");
        }
        try {
            String tag = node.getTag().getValue();
            if (tag.startsWith("!")) {
                return shortFormIntrinsic(node, tag.substring(1), line, path);
            }
            return switch (node) {
                case ScalarNode scalar -> new Scalar(scalar.getValue(), kindOf(scalar.getTag()), line, path);
                case SequenceNode sequence -> sequence(sequence, line, path);
                case MappingNode mapping -> longFormIntrinsicOrMapping(mapping(mapping, line, path));
                default -> throw new TemplateProblem(line, path, "expected a value, found " + node.getNodeId());
            };
        } finally {
            inProgress.remove(node);
        }
    }

    private TemplateValue shortFormIntrinsic(Node node, String tagName, int line, String path) {
        String name;
        if (UNPREFIXED.contains(tagName)) {
            name = tagName;
        } else if (FN_TAGS.contains(tagName)) {
            name = "Fn::" + tagName;
        } else {
            throw new TemplateProblem(line, path, "expected a CloudFormation tag such as !Ref, !GetAtt or !Sub, found !"
                    + tagName);
        }
        TemplateValue argument = switch (node) {
            // An explicit tag switches off YAML's implicit typing: "!Ref 3" refers to "3".
            case ScalarNode scalar -> new Scalar(scalar.getValue(), ScalarKind.STRING, line, path);
            case SequenceNode sequence -> sequence(sequence, line, path);
            case MappingNode mapping -> longFormIntrinsicOrMapping(mapping(mapping, line, path));
            default -> throw new TemplateProblem(line, path, "expected a value, found " + node.getNodeId());
        };
        return new Intrinsic(name, "!" + tagName, argument, line, path);
    }

    private static TemplateValue longFormIntrinsicOrMapping(Mapping mapping) {
        if (mapping.entries().size() == 1) {
            Map.Entry<String, TemplateValue> only = mapping.entries().entrySet().iterator().next();
            String key = only.getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return new Intrinsic(key, key, only.getValue(), mapping.line(), mapping.path());
            }
        }
        return mapping;
    }

    private Sequence sequence(SequenceNode node, int line, String path) {
        List<TemplateValue> items = new ArrayList<>();
        for (Node item : node.getValue()) {
            items.add(convert(item, item.getStartMark().getLine() + 1, path + "[" + items.size() + "]"));
        }
        return new Sequence(items, line, path);
    }

    private Mapping mapping(MappingNode node, int line, String path) {
        Map<String, TemplateValue> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark().getLine() + 1;
            if (!(keyNode instanceof ScalarNode scalarKey) || keyNode.getTag().getValue().startsWith("!")) {
                throw new TemplateProblem(keyLine, path.isEmpty() ? null : path,
                        "expected a plain text key, found " + (keyNode instanceof ScalarNode ? "a tagged key" : "a "
                                + keyNode.getNodeId() + " used as a key"));
            }
            String key = scalarKey.getValue();
            String childPath = TemplateValue.childPath(path, key);
            Integer firstLine = keyLines.putIfAbsent(key, keyLine);
            if (firstLine != null) {
                throw new TemplateProblem(keyLine, childPath,
                        "expected each key once, found '" + key + "' again (first on line " + firstLine + ")");
            }
            entries.put(key, convert(tuple.getValueNode(), keyLine, childPath));
        }
        return new Mapping(entries, line, path);
    }

    private static ScalarKind kindOf(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return ScalarKind.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return ScalarKind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return ScalarKind.BOOLEAN;
        }
        if (Tag.NULL.equals(tag)) {
            return ScalarKind.NULL;
        }
        return ScalarKind.STRING;
    }
}
