package dev.overtime.platform.velocity;

import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.slf4j.helpers.NOPLogger;

import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Velocity as AWS's mapping templates need it, for API Gateway's and AppSync's alike: templates come from
 * the template file only (no {@code #parse}, {@code #include} or macro library reaches the disk or class
 * path), reflection, processes, files, sockets and threads are out of reach, undefined references print as
 * written, and nothing is logged.
 */
public final class SandboxedVelocity {

    private SandboxedVelocity() {
    }

    /** A started engine with the sandbox's settings and {@code extra} ones (e.g. custom directives). */
    public static RuntimeInstance create(Map<String, Object> extra) {
        RuntimeInstance velocity = new RuntimeInstance();
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_INSTANCE, NOPLogger.NOP_LOGGER);
        velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "none");
        velocity.setProperty("resource.loader.none.instance", new NoResources());
        velocity.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        velocity.setProperty(RuntimeConstants.INTROSPECTOR_RESTRICT_PACKAGES, List.of(
                "java.lang.reflect", "java.lang.invoke", "java.lang.module", "java.lang.management", "java.io",
                "java.nio.file", "java.nio.channels", "java.net", "java.net.http", "java.util.concurrent",
                "javax.script", "javax.management", "javax.naming", "sun.misc", "jdk.internal.misc"));
        velocity.setProperty(RuntimeConstants.INTROSPECTOR_RESTRICT_CLASSES, List.of(
                "java.lang.Class", "java.lang.ClassLoader", "java.lang.Compiler", "java.lang.InheritableThreadLocal",
                "java.lang.Package", "java.lang.Process", "java.lang.ProcessBuilder", "java.lang.ProcessHandle",
                "java.lang.Module", "java.lang.ModuleLayer", "java.lang.Runtime", "java.lang.RuntimePermission",
                "java.lang.SecurityManager", "java.lang.StackWalker", "java.lang.System", "java.lang.Thread",
                "java.lang.ThreadGroup", "java.lang.ThreadLocal", "java.lang.ScopedValue", "java.net.Socket",
                "javax.management.MBeanServer", "javax.script.ScriptEngine"));
        velocity.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
        velocity.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, false);
        velocity.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, false);
        velocity.setProperty(RuntimeConstants.VM_PERM_INLINE_LOCAL, true);
        velocity.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false);
        extra.forEach(velocity::setProperty);
        velocity.init();
        return velocity;
    }

    /** Finds nothing: templates have no resources beside themselves. */
    private static final class NoResources extends ResourceLoader {
        @Override
        public void init(ExtProperties configuration) {
        }

        @Override
        public Reader getResourceReader(String source, String encoding) {
            throw new ResourceNotFoundException("mapping templates have no resources: " + source);
        }

        @Override
        public boolean isSourceModified(Resource resource) {
            return false;
        }

        @Override
        public long getLastModified(Resource resource) {
            return 0;
        }

        @Override
        public boolean resourceExists(String name) {
            return false;
        }
    }
}
