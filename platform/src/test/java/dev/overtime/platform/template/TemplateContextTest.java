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
        assertThat(TemplateContext.defaultsFor(Path.of("/template.yaml")).stackName()).isEqualTo("stack");
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
