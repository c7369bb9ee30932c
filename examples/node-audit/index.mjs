// Receives the destination records of fail-java's asynchronous invocations (see template.yaml).
// The record has AWS's shape: requestContext.condition is Success, RetriesExhausted or EventAgeExceeded.
export const handler = async (record) => {
  const context = record.requestContext ?? {};
  console.log(`${context.condition ?? 'no condition'} for ${context.requestId ?? 'a direct call'} after `
    + `${context.approximateInvokeCount ?? 0} attempt(s): ${JSON.stringify(record.responsePayload ?? null)}`);
  return { audited: context.requestId ?? null };
};
