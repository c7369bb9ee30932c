package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.AuthMode;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AppSync's directives, which schemas use without declaring them, and what its auth directives allow:
 * a field's own auth directives decide; without any, its type's; without those, only the API's default mode.
 */
final class AppSyncDirectives {

    /** Declarations the engine adds in front of a schema, for the directives it does not declare itself. */
    static final Map<String, String> DECLARATIONS = Map.of(
            "aws_subscribe", "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION",
            "aws_api_key", "directive @aws_api_key on OBJECT | FIELD_DEFINITION",
            "aws_iam", "directive @aws_iam on OBJECT | FIELD_DEFINITION",
            "aws_oidc", "directive @aws_oidc on OBJECT | FIELD_DEFINITION",
            "aws_lambda", "directive @aws_lambda on OBJECT | FIELD_DEFINITION",
            "aws_cognito_user_pools",
            "directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION",
            "aws_auth", "directive @aws_auth(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION",
            "canonical", "directive @canonical on OBJECT",
            "hidden", "directive @hidden on OBJECT | FIELD_DEFINITION",
            "renamed", "directive @renamed(to: String) on OBJECT | FIELD_DEFINITION");

    private static final Map<String, AuthMode> AUTH = Map.of(
            "aws_api_key", AuthMode.API_KEY,
            "aws_iam", AuthMode.AWS_IAM,
            "aws_oidc", AuthMode.OPENID_CONNECT,
            "aws_lambda", AuthMode.AWS_LAMBDA,
            "aws_cognito_user_pools", AuthMode.AMAZON_COGNITO_USER_POOLS,
            "aws_auth", AuthMode.AMAZON_COGNITO_USER_POOLS);

    private AppSyncDirectives() {
    }

    /** The modes allowed on a field of a type. */
    static Set<AuthMode> allowed(DirectivesContainer<?> field, List<? extends DirectivesContainer<?>> typeParts,
                                 AuthMode defaultMode) {
        Set<AuthMode> own = modes(field.getDirectives());
        if (!own.isEmpty()) {
            return own;
        }
        Set<AuthMode> ofType = EnumSet.noneOf(AuthMode.class);
        for (DirectivesContainer<?> part : typeParts) {
            ofType.addAll(modes(part.getDirectives()));
        }
        return ofType.isEmpty() ? EnumSet.of(defaultMode) : ofType;
    }

    private static Set<AuthMode> modes(List<Directive> directives) {
        Set<AuthMode> modes = EnumSet.noneOf(AuthMode.class);
        for (Directive d : directives) {
            AuthMode mode = AUTH.get(d.getName());
            if (mode != null) {
                modes.add(mode);
            }
        }
        return modes;
    }
}
