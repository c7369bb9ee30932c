package dev.overtime.platform.appsync;

/** AppSync's authorization types, named as {@code AuthenticationType} names them. */
public enum AuthMode {
    API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA
}
