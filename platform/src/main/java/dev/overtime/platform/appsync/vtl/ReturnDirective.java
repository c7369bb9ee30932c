package dev.overtime.platform.appsync.vtl;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Directive;
import org.apache.velocity.runtime.parser.node.Node;

import java.io.Writer;

/** AppSync's {@code #return} and {@code #return($value)}: stops the template with a value (or null). */
public final class ReturnDirective extends Directive {

    @Override
    public String getName() {
        return "return";
    }

    @Override
    public int getType() {
        return LINE;
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer, Node node) {
        Object value = node.jjtGetNumChildren() == 0 ? null : node.jjtGetChild(0).value(context);
        throw new TemplateStop.Returned(value);
    }
}
