package dev.overtime.platform.security.iam;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's evaluation rules, on policies written as users write them (YAML or JSON). */
class PolicyEvaluationTest {

    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final String USER = "arn:aws:iam::123456789012:user/invoker";

    private static Policy policy(String yaml) {
        return PolicyReader.read(new Yaml().load(yaml), "test");
    }

    private static Decision decide(Policy policy, String action, String resource, Map<String, String> context) {
        Map<String, String> lower = new HashMap<>();
        context.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        return Policy.evaluate(List.of(policy), new AccessRequest(USER, action, resource, lower));
    }

    private static Decision decide(Policy policy, String action, String resource) {
        return decide(policy, action, resource, Map.of());
    }

    @Test
    void nothingAllowed_isAnImplicitDeny() {
        Policy p = policy("Statement: [{Effect: Allow, Action: lambda:GetFunction, Resource: '*'}]");
        assertThat(decide(p, "lambda:InvokeFunction", FN + "A")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(p, "lambda:GetFunction", FN + "A")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void explicitDeny_winsWhateverTheOrder() {
        Policy p = policy("""
                Statement:
                  - {Effect: Deny, Action: "lambda:*", Resource: "%sSecret*"}
                  - {Effect: Allow, Action: "*", Resource: "*"}
                """.formatted(FN));
        assertThat(decide(p, "lambda:InvokeFunction", FN + "SecretThing")).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(p, "lambda:InvokeFunction", FN + "Public")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void wildcards_starAndQuestionMark_actionsIgnoreCase() {
        Policy p = policy("Statement: [{Effect: Allow, Action: 'LAMBDA:invoke*', Resource: '%sFn?'}]".formatted(FN));
        assertThat(decide(p, "lambda:InvokeFunction", FN + "Fn1")).isEqualTo(Decision.ALLOW);
        assertThat(decide(p, "lambda:InvokeFunction", FN + "Fn12")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(p, "lambda:InvokeFunction", FN + "fn1")).as("resources are case-sensitive")
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(p, "lambda:GetFunction", FN + "Fn1")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void notActionAndNotResource_matchEverythingElse() {
        Policy p = policy("""
                Statement:
                  - {Effect: Allow, NotAction: "lambda:Delete*", Resource: "*"}
                  - {Effect: Deny, Action: "lambda:InvokeFunction", NotResource: ["%sOpen", "%sOpen:*"]}
                """.formatted(FN, FN));
        assertThat(decide(p, "lambda:GetFunction", FN + "X")).isEqualTo(Decision.ALLOW);
        assertThat(decide(p, "lambda:DeleteFunction", FN + "X")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(p, "lambda:InvokeFunction", FN + "Open:live")).isEqualTo(Decision.ALLOW);
        assertThat(decide(p, "lambda:InvokeFunction", FN + "Closed")).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void conditions_stringEqualsStringLikeIpAddressBoolDateLessThan() {
        Policy p = policy("""
                Statement:
                  - Effect: Allow
                    Action: "*"
                    Resource: "*"
                    Condition:
                      StringEquals: {aws:username: [invoker, admin]}
                      StringLike: {aws:UserAgent: "aws-sdk-java/*"}
                      IpAddress: {aws:SourceIp: ["10.0.0.0/8", "127.0.0.1"]}
                      Bool: {aws:SecureTransport: false}
                      DateLessThan: {aws:CurrentTime: "2030-01-01T00:00:00Z"}
                """);
        Map<String, String> good = Map.of("aws:username", "invoker", "aws:useragent", "aws-sdk-java/2.59",
                "aws:sourceip", "10.1.2.3", "aws:securetransport", "false", "aws:currenttime", "2026-12-05T13:00:00Z");
        assertThat(decide(p, "lambda:GetFunction", "*", good)).isEqualTo(Decision.ALLOW);
        for (Map.Entry<String, String> bad : Map.of("aws:username", "mallory", "aws:useragent", "curl/8",
                "aws:sourceip", "192.168.1.1", "aws:securetransport", "true",
                "aws:currenttime", "2031-01-01T00:00:00Z").entrySet()) {
            Map<String, String> context = new HashMap<>(good);
            context.put(bad.getKey(), bad.getValue());
            assertThat(decide(p, "lambda:GetFunction", "*", context)).as(bad.getKey()).isEqualTo(Decision.IMPLICIT_DENY);
        }
        Map<String, String> missing = new HashMap<>(good);
        missing.remove("aws:useragent");
        assertThat(decide(p, "lambda:GetFunction", "*", missing)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void negatedAndIfExistsOperators_holdWhenTheKeyIsMissing() {
        Policy p = policy("""
                Statement:
                  - Effect: Allow
                    Action: "*"
                    Resource: "*"
                    Condition:
                      StringNotEquals: {aws:username: mallory}
                      StringEqualsIfExists: {aws:SourceVpc: vpc-1}
                      NotIpAddress: {aws:SourceIp: 203.0.113.0/24}
                """);
        assertThat(decide(p, "lambda:GetFunction", "*", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(decide(p, "lambda:GetFunction", "*", Map.of("aws:SourceIp", "203.0.113.9")))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void mistakes_nameTheirPlace() {
        assertThatThrownBy(() -> policy("Statement: [{Effect: Maybe, Action: '*', Resource: '*'}]"))
                .hasMessage("test.Statement[0].Effect: expected Allow or Deny, found Maybe");
        assertThatThrownBy(() -> policy("Statement: [{Effect: Allow, Action: '*', NotAction: x, Resource: '*'}]"))
                .hasMessage("test.Statement[0]: expected exactly one of Action and NotAction");
        assertThatThrownBy(() -> policy("Statement: [{Effect: Allow, Action: '*', Resource: '*', "
                + "Condition: {StringSoundsLike: {a: b}}}]"))
                .hasMessage("test.Statement[0].Condition.StringSoundsLike: Overtime does not evaluate this condition operator");
    }
}
