import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRuntime } from './support/client.mjs';

async function crash(files) {
  const runtime = await startRuntime({ files, handler: 'index.handler' });
  try {
    const outcome = await runtime.stub.invoke({}, { id: 'crash-1' });
    const result = await runtime.exit();
    return { outcome, ...result };
  } catch (err) {
    await runtime.kill();
    throw err;
  }
}

test('uncaught exception during an invocation fails it and exits with 129', async () => {
  const { outcome, code, stdout } = await crash({
    'index.mjs': `
      export const handler = async () => {
        setImmediate(() => { throw new SyntaxError('thrown from a timer'); });
        await new Promise((resolve) => setTimeout(resolve, 600_000)); // never reached: the crash ends the process
      };`,
  });
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.json.errorType, 'SyntaxError');
  assert.equal(outcome.json.errorMessage, 'thrown from a timer');
  assert.equal(outcome.headers['lambda-runtime-function-error-type'], 'SyntaxError');
  assert.equal(code, 129);
  assert.match(stdout, /\tcrash-1\tERROR\tUncaught Exception \t\{"errorType":"SyntaxError"/);
});

test('unhandled rejection during an invocation fails it as Runtime.UnhandledPromiseRejection and exits with 128', async () => {
  const { outcome, code } = await crash({
    'index.mjs': `
      export const handler = async () => {
        Promise.reject(new TypeError('nobody caught me'));
        await new Promise((resolve) => setTimeout(resolve, 600_000)); // never reached: the crash ends the process
      };`,
  });
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.json.errorType, 'Runtime.UnhandledPromiseRejection');
  assert.equal(outcome.json.errorMessage, 'TypeError: nobody caught me');
  assert.equal(outcome.json.trace[0], 'Runtime.UnhandledPromiseRejection: TypeError: nobody caught me');
  assert.equal(code, 128);
});
