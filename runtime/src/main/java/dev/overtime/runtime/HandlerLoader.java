package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.overtime.lambda.StreamingHandler;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a handler string into a {@link Handler} with the rules of AWS's Java runtime: the class
 * path, the split of {@code pkg.Class::method}, the accepted handler shapes, the choice among
 * overloads, and the messages of the faults.
 */
final class HandlerLoader {

    /** AWS's preference among overloads: non-bridge first, then longer, a trailing Context counting one more. */
    private static final Comparator<Method> OVERLOAD_ORDER = new Comparator<Method>() {
        @Override
        public int compare(Method a, Method b) {
            if (a.isBridge() != b.isBridge()) {
                return a.isBridge() ? 1 : -1;
            }
            return Integer.compare(weight(b), weight(a));
        }

        private int weight(Method m) {
            Class<?>[] params = m.getParameterTypes();
            boolean contextLast = params.length > 0 && params[params.length - 1] == Context.class;
            return params.length + (contextLast ? 1 : 0);
        }
    };

    private HandlerLoader() {
    }

    /**
     * The function's class loader: the task root, then {@code <taskRoot>/lib/*.jar} and
     * {@code <optRoot>/lib/*.jar}, each sorted by name. Its parent is the system class loader, so
     * aws-lambda-java-core and the serializers are this runtime's copies, shared with the handler.
     */
    static URLClassLoader classLoader(String taskRoot, String optRoot) {
        List<URL> urls = new ArrayList<>();
        urls.add(directoryUrl(new File(taskRoot)));
        addJars(new File(taskRoot, "lib"), urls);
        addJars(new File(optRoot, "lib"), urls);
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader());
    }

    /**
     * Loads and initializes the handler's class and, unless the handler is a static method,
     * creates its instance.
     *
     * @param handler {@code pkg.Class} or {@code pkg.Class::method}, split at the last {@code ::}
     * @throws HandlerFault if the function cannot run, with AWS's message and type
     */
    static Handler load(String handler, ClassLoader loader) {
        if (handler == null || handler.isEmpty()) {
            throw new HandlerFault("No handler specified: set _HANDLER or pass it as the first argument", null, null);
        }
        int sep = handler.lastIndexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String methodName = sep < 0 ? null : handler.substring(sep + 2);
        if (className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw new HandlerFault("Invalid handler: `" + handler + "'", null, null);
        }
        Class<?> cls;
        try {
            cls = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new HandlerFault("Class not found: " + className, e.getClass().getName(), e);
        } catch (Throwable t) {
            // Static initializer failures and linkage errors.
            throw new HandlerFault("Error loading class " + className
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()), t.getClass().getName(), t);
        }
        return methodName == null ? loadInterfaceHandler(cls, loader) : loadMethodHandler(cls, methodName, loader);
    }

    private static Handler loadInterfaceHandler(Class<?> cls, ClassLoader loader) {
        if (RequestStreamHandler.class.isAssignableFrom(cls)) {
            return new Handler.Stream((RequestStreamHandler) instantiate(cls));
        }
        if (StreamingHandler.class.isAssignableFrom(cls)) {
            Type input = concreteInput(cls, StreamingHandler.class);
            StreamingHandler<?> instance = (StreamingHandler<?>) instantiate(cls);
            return new PojoHandler(new PojoHandler.StreamingInvoker(instance), input, null, loader);
        }
        if (!RequestHandler.class.isAssignableFrom(cls)) {
            throw new HandlerFault("Class does not implement an appropriate handler interface: " + cls.getName(),
                    null, null);
        }
        Type[] types = typeArguments(cls, RequestHandler.class);
        if (types == null) {
            throw new HandlerFault("Class " + cls.getName()
                    + " does not implement RequestHandler with concrete type parameters", null, null);
        }
        for (Type t : types) {
            if (t instanceof TypeVariable && !hasUpperBound((TypeVariable<?>) t)) {
                throw new HandlerFault("Class " + cls.getName()
                        + " does not implement RequestHandler with concrete type parameters: parameter "
                        + t + " has no upper bound.", null, null);
            }
        }
        RequestHandler<?, ?> instance = (RequestHandler<?, ?>) instantiate(cls);
        return new PojoHandler(new PojoHandler.RequestHandlerInvoker(instance),
                types[0], isVoid(types[1]) ? null : types[1], loader);
    }

    /** The first type argument {@code cls} gives {@code target}, checked as for a RequestHandler. */
    private static Type concreteInput(Class<?> cls, Class<?> target) {
        Type[] types = typeArguments(cls, target);
        String name = target.getSimpleName();
        if (types == null || types.length == 0) {
            throw new HandlerFault("Class " + cls.getName()
                    + " does not implement " + name + " with concrete type parameters", null, null);
        }
        if (types[0] instanceof TypeVariable && !hasUpperBound((TypeVariable<?>) types[0])) {
            throw new HandlerFault("Class " + cls.getName()
                    + " does not implement " + name + " with concrete type parameters: parameter "
                    + types[0] + " has no upper bound.", null, null);
        }
        return types[0];
    }

    private static Handler loadMethodHandler(Class<?> cls, String name, ClassLoader loader) {
        Method[] methods;
        try {
            methods = cls.getMethods();
        } catch (NoClassDefFoundError e) {
            throw new HandlerFault("Error loading method " + name + " on class " + cls.getName(),
                    e.getClass().getName(), e);
        }
        List<Method> candidates = new ArrayList<>();
        for (Method m : methods) {
            if (m.getName().equals(name)) {
                candidates.add(m);
            }
        }
        candidates.sort(OVERLOAD_ORDER);
        for (Method m : candidates) {
            Handler h = fromMethod(cls, m, loader);
            if (h != null) {
                return h;
            }
        }
        throw new HandlerFault("No public method named " + name
                + " with appropriate method signature found on class " + cls.getName(), null, null);
    }

    /** The handler for one overload, or null if its signature is not one AWS accepts. */
    private static Handler fromMethod(Class<?> cls, Method m, ClassLoader loader) {
        Type[] p = m.getGenericParameterTypes();
        Type r = m.getGenericReturnType();
        switch (p.length) {
            case 0:
                return pojo(cls, m, null, r, false, loader);
            case 1:
                if (p[0] == InputStream.class) {
                    return stream(cls, m, true, false, false);
                } else if (p[0] == OutputStream.class) {
                    return stream(cls, m, false, true, false);
                } else if (p[0] == Context.class) {
                    return pojo(cls, m, null, r, true, loader);
                }
                return pojo(cls, m, p[0], r, false, loader);
            case 2:
                if (p[0] == OutputStream.class) {
                    return p[1] == Context.class ? stream(cls, m, false, true, true) : null;
                } else if (p[0] == Context.class) {
                    return null;
                } else if (p[0] == InputStream.class) {
                    if (p[1] == OutputStream.class) {
                        return stream(cls, m, true, true, false);
                    }
                    return p[1] == Context.class ? stream(cls, m, true, false, true) : null;
                }
                return p[1] == Context.class ? pojo(cls, m, p[0], r, true, loader) : null;
            case 3:
                if (p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class) {
                    return stream(cls, m, true, true, true);
                }
                return null;
            default:
                return null;
        }
    }

    private static Handler stream(Class<?> cls, Method m, boolean in, boolean out, boolean ctx) {
        return new Handler.StreamMethod(m, instanceFor(cls, m), in, out, ctx);
    }

    private static Handler pojo(Class<?> cls, Method m, Type input, Type output, boolean ctx, ClassLoader loader) {
        PojoHandler.Invoker invoker = new PojoHandler.MethodInvoker(m, instanceFor(cls, m), input != null, ctx);
        return new PojoHandler(invoker, input, isVoid(output) ? null : output, loader);
    }

    private static Object instanceFor(Class<?> cls, Method m) {
        return Modifier.isStatic(m.getModifiers()) ? null : instantiate(cls);
    }

    private static Object instantiate(Class<?> cls) {
        Constructor<?> constructor;
        try {
            constructor = cls.getConstructor();
        } catch (NoSuchMethodException e) {
            if (cls.getEnclosingClass() != null && !Modifier.isStatic(cls.getModifiers())) {
                throw new HandlerFault("Class " + cls.getName()
                        + " cannot be instantiated because it is a non-static inner class", "java.lang.Exception", e);
            }
            throw new HandlerFault("Class " + cls.getName() + " has no public zero-argument constructor",
                    "java.lang.Exception", e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw HandlerFault.of(e.getCause() != null ? e.getCause() : e);
        } catch (Throwable t) {
            throw HandlerFault.of(t);
        }
    }

    /**
     * The type arguments {@code target} receives somewhere in the hierarchy of {@code cls}, with type
     * variables bound by subclasses substituted; null if {@code target} is only implemented raw.
     */
    static Type[] typeArguments(Class<?> cls, Class<?> target) {
        return find(cls, target, new HashMap<>());
    }

    private static Type[] find(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> own = new HashMap<>();
        Type[] args = null;
        if (type instanceof Class) {
            raw = (Class<?>) type;
        } else if (type instanceof ParameterizedType && ((ParameterizedType) type).getRawType() instanceof Class) {
            ParameterizedType pt = (ParameterizedType) type;
            raw = (Class<?>) pt.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            args = pt.getActualTypeArguments().clone();
            for (int i = 0; i < args.length; i++) {
                Type bound = args[i] instanceof TypeVariable ? bindings.get(args[i]) : null;
                if (bound != null) {
                    args[i] = bound;
                }
                if (i < vars.length) {
                    own.put(vars[i], args[i]);
                }
            }
        } else {
            return null;
        }
        if (raw == target) {
            return args;
        }
        if (!target.isAssignableFrom(raw)) {
            return null;
        }
        for (Type iface : raw.getGenericInterfaces()) {
            Type[] found = find(iface, target, own);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, target, own);
    }

    private static boolean hasUpperBound(TypeVariable<?> t) {
        for (Type bound : t.getBounds()) {
            if (bound != Object.class) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVoid(Type type) {
        return type == void.class || (type instanceof Class && Void.class.isAssignableFrom((Class<?>) type));
    }

    private static URL directoryUrl(File dir) {
        try {
            String uri = dir.getAbsoluteFile().toURI().toString();
            return URI.create(uri.endsWith("/") ? uri : uri + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addJars(File dir, List<URL> urls) {
        String[] names = dir.list();
        if (names == null) {
            return;
        }
        Arrays.sort(names);
        for (String name : names) {
            if (name.length() > 4 && name.endsWith(".jar")) {
                try {
                    urls.add(new File(dir, name).getAbsoluteFile().toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
