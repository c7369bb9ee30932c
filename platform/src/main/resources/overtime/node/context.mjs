/** Adds the per-invocation context properties to `base`, which carries the calling-convention parts. */
export function buildContext(invocation, base) {
  const env = process.env;
  const deadline = invocation.deadlineMs;
  return Object.assign(base, {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: invocation.invokedFunctionArn,
    awsRequestId: invocation.id,
    tenantId: invocation.tenantId,
    clientContext: parseJson(invocation.clientContext, 'ClientContext'),
    identity: parseJson(invocation.cognitoIdentity, 'CognitoIdentity'),
    getRemainingTimeInMillis: () => deadline - Date.now(),
  });
}

/** X-Ray SDKs read the current trace header from the environment. */
export function exposeTraceId(traceId) {
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
  else delete process.env._X_AMZN_TRACE_ID;
}

function parseJson(text, name) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err}`);
  }
}
