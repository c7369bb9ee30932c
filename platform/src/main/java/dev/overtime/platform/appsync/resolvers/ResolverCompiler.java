package dev.overtime.platform.appsync.resolvers;

import dev.overtime.platform.appsync.ResolverCode;

/** Compiles resolver code in the language it is written in; a direct resolver has no code to compile. */
@FunctionalInterface
public interface ResolverCompiler {

    /**
     * @param where names the resolver or function in errors, e.g. {@code ChatApi Mutation.ask}
     * @return the compiled code, or null for {@link ResolverCode.Direct}
     * @throws IllegalArgumentException when the code does not compile
     */
    ResolverCodeRunner compile(ResolverCode code, String where);
}
