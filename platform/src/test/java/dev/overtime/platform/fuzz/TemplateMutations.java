package dev.overtime.platform.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Template YAML that a hand, a generator or an attacker might write: a valid SAM template with a few
 * lines deleted, repeated, swapped or re-indented, and values replaced by intrinsics, YAML's sharp
 * edges (anchors, aliases, tags, flow collections) and hostile paths.
 */
final class TemplateMutations {

    static final String BASE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Stage:
                Type: String
                Default: dev
            Globals:
              Function:
                Timeout: 5
                MemorySize: 256
                Environment:
                  Variables:
                    STAGE: !Ref Stage
            Resources:
              Hello:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub 'hello-${Stage}'
                  Runtime: provided.al2023
                  Handler: bootstrap
                  CodeUri: code
                  Layers: [!Ref Tools]
                  FunctionUrlConfig:
                    AuthType: NONE
                    InvokeMode: BUFFERED
                  AutoPublishAlias: live
                  Events:
                    Api:
                      Type: HttpApi
                      Properties:
                        Path: /hello/{name}
                        Method: GET
                    Rest:
                      Type: Api
                      Properties:
                        Path: /items
                        Method: post
              Tools:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: layer
              Other:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Handler: example.Handler::handleRequest
                  Code: code
                  Timeout: !GetAtt Hello.Arn
                  ReservedConcurrentExecutions: 2
            Outputs:
              Url:
                Value: !GetAtt HelloUrl.FunctionUrl
            """;

    private static final List<String> VALUES = List.of("!Ref Nowhere", "!GetAtt Hello", "!GetAtt A.B.C", "!Sub '${'",
            "!Sub [a, {}]", "!Join ['', [a, !Ref Stage]]", "!If [c, a, b]", "!FindInMap [M, a, b]", "!Select [9, []]",
            "!Split [',', !Ref Stage]", "!Base64 x", "!GetAZs ''", "!ImportValue x", "!Unknown x", "&a [*a, *a]", "*a",
            "~", "null", "''", "-1", "0", "1e999", "99999999999999999999", "[", "{", "]:", "'\\u0000'", "\"\\0\"",
            "../..", "/etc/passwd", "../../../../tmp", "code/../../..", "'%2F'", "s3://bucket/key", "[1, [2, [3]]]",
            "{Fn::Sub: x}", "{Ref: [a]}", "!!binary AAAA", "!!python/object:os.system x", "? complex\n: key", "|\n  x",
            ">-", "x".repeat(100_000), "\"\\ud800\"", "yes", "no", "2026-12-05", "0x10", "!!int x", "@", "`");
    private static final List<String> KEYS = List.of("Type", "Properties", "Runtime", "Handler", "CodeUri",
            "FunctionName", "Events", "Path", "Method", "Timeout", "MemorySize", "Layers", "Environment", "<<",
            "Fn::GetAtt", "Ref", "DependsOn", "Condition", "Conditions", "Mappings", "Globals", "Resources", "", "-");

    private final Random random;

    TemplateMutations(Random random) {
        this.random = random;
    }

    String next() {
        List<String> lines = new ArrayList<>(Arrays.asList(BASE.split("\n")));
        if (random.nextInt(20) == 0) {
            return aliasBomb();
        }
        int mutations = 1 + random.nextInt(5);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(7)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, " ".repeat(random.nextInt(9)) + line.strip());
                case 3 -> lines.set(at, replaceValue(line, pick(VALUES)));
                case 4 -> lines.set(at, replaceKey(line, pick(KEYS)));
                case 5 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                default -> lines.add(at, line.replaceAll("\\S.*", "") + pick(KEYS) + ": " + pick(VALUES));
            }
            if (lines.isEmpty()) {
                lines.add(pick(VALUES));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append("*a").append(i - 1).append(j < 8 ? ", " : "");
            }
            yaml.append("]\n");
        }
        return yaml.append("Resources: *a11\n").toString();
    }

    private static String replaceValue(String line, String value) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value;
    }

    private static String replaceKey(String line, String key) {
        int colon = line.indexOf(':');
        String indent = line.replaceAll("\\S.*", "");
        return colon < 0 ? indent + key : indent + key + line.substring(colon);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
