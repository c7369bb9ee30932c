package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateContextTest {

    @Test
    void defaultsFor_usesDefaultRegionAccountAndTheFolderName() {
        TemplateContext ctx = TemplateContext.defaultsFor(Path.of("/work/shop/template.yaml"));

        assertThat(ctx).isEqualTo(new TemplateContext("us-east-1", "123456789012", "shop"));
    }

    @Test
    void defaultsFor_whenFolderNameIsNotAStackName_makesItOne() {
        assertThat(TemplateContext.defaultsFor(Path.of("/work/my_app.v2/template.yaml")).stackName())
                .isEqualTo("my-app-v2");
        assertThat(TemplateContext.defaultsFor(Path.of("/work/2024/template.yaml")).stackName())
                .isEqualTo("stack-2024");
        assertThat(TemplateContext.defaultsFor(Path.of("/work/2024-site/template.yaml")).stackName())
                .isEqualTo("stack-2024-site");
        assertThat(TemplateContext.defaultsFor(Path.of("/home/me/.cache/template.yaml")).stackName())
                .isEqualTo("cache");
        assertThat(TemplateContext.defaultsFor(Path.of("/work/a__b..c/template.yaml")).stackName())
                .isEqualTo("a-b-c");
        assertThat(TemplateContext.defaultsFor(Path.of("/template.yaml")).stackName()).isEqualTo("stack");
    }

    @Test
    void defaultsFor_whenFolderNameIsAStackName_keepsIt() {
        assertThat(TemplateContext.defaultsFor(Path.of("/work/shop--v2-/template.yaml")).stackName())
                .isEqualTo("shop--v2-");
    }

    @Test
    void isStackName_acceptsALetterThenUpTo127LettersDigitsOrHyphens() {
        assertThat(TemplateContext.isStackName("a" + "-1".repeat(63) + "b")).isTrue();
        assertThat(TemplateContext.isStackName("a".repeat(129))).isFalse();
        assertThat(TemplateContext.isStackName("my_stack")).isFalse();
        assertThat(TemplateContext.isStackName("1stack")).isFalse();
        assertThat(TemplateContext.isStackName("")).isFalse();
    }

    @Test
    void new_whenAccountIdIsNotTwelveDigits_throws() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TemplateContext("us-east-1", "1234", "shop"))
                .withMessageContaining("twelve digits");
    }

    @Test
    void new_whenStackNameInvalid_throws() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TemplateContext("us-east-1", "123456789012", "my_stack"))
                .withMessageContaining("my_stack");
    }

    @Test
    void arn_buildsTheLambdaFunctionArn() {
        TemplateContext ctx = new TemplateContext("eu-west-1", "111122223333", "shop");

        assertThat(FunctionArns.arn(ctx, "hello")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:hello");
    }
}
