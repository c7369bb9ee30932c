import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FUNCTION_ENV, logRecords, withRuntime } from './support/client.mjs';

test('context carries function, invocation and identity data', async () => {
  const files = {
    'index.mjs': `
      export const handler = async (event, context) => ({
        ...context,
        remaining: context.getRemainingTimeInMillis(),
        waits: context.callbackWaitsForEmptyEventLoop,
        traceEnv: process.env._X_AMZN_TRACE_ID,
        hasSucceed: typeof context.succeed,
      });`,
  };
  let outcome;
  const before = Date.now();
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    outcome = await stub.invoke(
      {},
      {
        id: 'ctx-1',
        headers: {
          'Lambda-Runtime-Deadline-Ms': String(before + 30_000),
          'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:eu-west-1:111122223333:function:test-function:live',
          'Lambda-Runtime-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
          'Lambda-Runtime-Client-Context': JSON.stringify({ custom: { tenant: 't1' }, env: { platform: 'test' } }),
          'Lambda-Runtime-Cognito-Identity': JSON.stringify({ cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' }),
        },
      },
    );
  });
  const ctx = outcome.json;
  assert.equal(ctx.functionName, FUNCTION_ENV.AWS_LAMBDA_FUNCTION_NAME);
  assert.equal(ctx.functionVersion, '$LATEST');
  assert.equal(ctx.memoryLimitInMB, '512');
  assert.equal(ctx.logGroupName, FUNCTION_ENV.AWS_LAMBDA_LOG_GROUP_NAME);
  assert.equal(ctx.logStreamName, FUNCTION_ENV.AWS_LAMBDA_LOG_STREAM_NAME);
  assert.equal(ctx.invokedFunctionArn, 'arn:aws:lambda:eu-west-1:111122223333:function:test-function:live');
  assert.equal(ctx.awsRequestId, 'ctx-1');
  assert.deepEqual(ctx.clientContext, { custom: { tenant: 't1' }, env: { platform: 'test' } });
  assert.deepEqual(ctx.identity, { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' });
  // deadline - (the client's now), where the client's now lies between `before` and this line.
  assert.ok(ctx.remaining <= 30_000 && ctx.remaining >= 30_000 - (Date.now() - before), `remaining ${ctx.remaining}`);
  assert.equal(ctx.waits, true);
  assert.equal(ctx.traceEnv, 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1');
  assert.equal(ctx.hasSucceed, 'function');
});

test('clientContext and identity are undefined without their headers', async () => {
  const files = {
    'index.mjs': 'export const handler = async (e, c) => [c.clientContext === undefined, c.identity === undefined];',
  };
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    assert.deepEqual((await stub.invoke({})).json, [true, true]);
  });
});

test('console output uses the AWS text format with the current request id', async () => {
  const files = {
    'index.mjs': `
      console.log('loading');
      export const handler = async (event) => {
        console.log('hello %s, %d items', event.name, 3, { extra: true });
        console.info('info line');
        console.warn('warn line');
        console.error('error line', new Error('shown'));
        console.debug('debug line');
        console.trace('trace line');
        console.log('first\\nsecond');
        return 'ok';
      };`,
  };
  const { stdout } = await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    await stub.invoke({ name: 'Ada' }, { id: 'log-1' });
    await stub.invoke({ name: 'Bob' }, { id: 'log-2' });
  });
  const records = logRecords(stdout);
  for (const record of records) {
    assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, record.line);
  }
  const summary = records.map((r) => `${r.requestId} ${r.level} ${r.message.split('\r')[0].split('\n')[0]}`);
  assert.deepEqual(summary.slice(0, 9), [
    'undefined INFO loading',
    "log-1 INFO hello Ada, 3 items { extra: true }",
    'log-1 INFO info line',
    'log-1 WARN warn line',
    'log-1 ERROR error line Error: shown',
    'log-1 DEBUG debug line',
    'log-1 TRACE trace line',
    'log-1 INFO first',
    'log-2 INFO hello Bob, 3 items { extra: true }',
  ]);
  // A multi-line message stays one record: its newlines become carriage returns.
  assert.equal(records[7].message, 'first\rsecond');
  assert.match(records[4].message, /^error line Error: shown\r {4}at handler/);
  assert.equal(records.length, 15, stdout);
});
