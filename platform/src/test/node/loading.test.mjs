import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRuntime, withRuntime } from './support/client.mjs';

async function answerOf(options, event = {}) {
  let outcome;
  await withRuntime(options, async ({ stub }) => {
    outcome = await stub.invoke(event);
  });
  assert.equal(outcome.kind, 'response', outcome.text);
  return outcome.json;
}

test('ESM handler in an .mjs file', async () => {
  const files = { 'index.mjs': 'export const handler = async (event) => ({ kind: "esm", got: event.x });' };
  assert.deepEqual(await answerOf({ files, handler: 'index.handler' }, { x: 1 }), { kind: 'esm', got: 1 });
});

test('CommonJS handler in a .js file without package.json', async () => {
  const files = { 'index.js': 'exports.handler = async () => ({ kind: typeof require });' };
  assert.deepEqual(await answerOf({ files, handler: 'index.handler' }), { kind: 'function' });
});

test('CommonJS handler in a .cjs file', async () => {
  const files = { 'app.cjs': 'module.exports.run = async () => "cjs";' };
  assert.equal(await answerOf({ files, handler: 'app.run' }), 'cjs');
});

test('.js file is loaded as ESM when package.json says "type": "module"', async () => {
  const files = {
    'package.json': '{"type":"module"}',
    'index.js': 'export const handler = async () => typeof require;',
  };
  assert.equal(await answerOf({ files, handler: 'index.handler' }), 'undefined');
});

test('.js is preferred over .mjs unless the package is a module, as on AWS', async () => {
  const files = { 'index.js': 'exports.handler = async () => "js";', 'index.mjs': 'export const handler = async () => "mjs";' };
  assert.equal(await answerOf({ files, handler: 'index.handler' }), 'js');
});

test('handler in a subdirectory with a nested export path', async () => {
  const files = {
    'src/lib/app.mjs': 'export const api = { v1: { get: async () => "nested" } };',
  };
  assert.equal(await answerOf({ files, handler: 'src/lib/app.api.v1.get' }), 'nested');
});

test('top-level await finishes before the first event', async () => {
  const files = {
    'index.mjs': `
      const config = await new Promise((resolve) => setImmediate(() => resolve({ ready: true })));
      export const handler = async () => config;`,
  };
  assert.deepEqual(await answerOf({ files, handler: 'index.handler' }), { ready: true });
});

test('globalThis.awslambda exists while user code loads', async () => {
  const files = {
    'index.mjs': `
      const seen = typeof awslambda.streamifyResponse + "/" + typeof awslambda.HttpResponseStream.from;
      export const handler = async () => seen;`,
  };
  assert.equal(await answerOf({ files, handler: 'index.handler' }), 'function/function');
});

async function initErrorOf(options) {
  const runtime = await startRuntime(options);
  try {
    const initError = await runtime.stub.initError;
    const { code } = await runtime.exit();
    return { ...initError, code, stdout: runtime.stdout };
  } catch (err) {
    await runtime.kill();
    throw err;
  }
}

function assertInitError(result, errorType, messagePattern) {
  assert.equal(result.json.errorType, errorType);
  assert.match(result.json.errorMessage, messagePattern);
  assert.ok(Array.isArray(result.json.trace) && result.json.trace.length > 0, 'trace lines');
  assert.equal(result.headers['lambda-runtime-function-error-type'], errorType);
  assert.match(result.stdout, new RegExp(`\\tundefined\\tERROR\\tUncaught Exception \\t\\{"errorType":"${errorType.replace('.', '\\.')}"`));
}

test('missing module: Runtime.ImportModuleError, exit status 1', async () => {
  const result = await initErrorOf({ files: {}, handler: 'index.handler' });
  assertInitError(result, 'Runtime.ImportModuleError', /^Error: Cannot find module 'index'/);
  assert.equal(result.code, 1);
});

test('module importing a missing package: Runtime.ImportModuleError', async () => {
  const files = { 'index.mjs': 'import "no-such-package"; export const handler = async () => 1;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.ImportModuleError', /Cannot find package 'no-such-package'/);
});

test('missing export: Runtime.HandlerNotFound', async () => {
  const files = { 'index.mjs': 'export const other = async () => 1;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.HandlerNotFound', /^index\.handler is undefined or not exported$/);
});

test('export that is not a function: Runtime.HandlerNotFound', async () => {
  const files = { 'index.js': 'exports.handler = 42;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.HandlerNotFound', /^index\.handler is not a function$/);
});

test('handler without a dot: Runtime.MalformedHandlerName', async () => {
  const files = { 'index.js': 'exports.handler = async () => 1;' };
  const result = await initErrorOf({ files, handler: 'index' });
  assertInitError(result, 'Runtime.MalformedHandlerName', /^Bad handler$/);
});

test('handler escaping the task root: Runtime.MalformedHandlerName', async () => {
  const result = await initErrorOf({ files: {}, handler: '../outside/index.handler' });
  assertInitError(result, 'Runtime.MalformedHandlerName', /is not a valid handler name/);
});

test('CommonJS syntax error: Runtime.UserCodeSyntaxError', async () => {
  const files = { 'index.js': 'exports.handler = async () => {;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.UserCodeSyntaxError', /^SyntaxError: /);
});

test('ESM syntax error: Runtime.UserCodeSyntaxError', async () => {
  const files = { 'index.mjs': 'export const handler = async () => {;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.UserCodeSyntaxError', /^SyntaxError: /);
});

test('error thrown by user code at load time is reported as is', async () => {
  const files = { 'index.mjs': 'class ConfigError extends Error { name = "ConfigError"; }\nthrow new ConfigError("no config");' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'ConfigError', /^no config$/);
  assert.equal(result.json.trace[0], 'ConfigError: no config');
});

test('unhandled rejection during init: Runtime.UnhandledPromiseRejection, exit status 128', async () => {
  const files = {
    'index.mjs': `
      Promise.reject(new Error("init went wrong"));
      await new Promise((resolve) => setTimeout(resolve, 600_000)); // never reached: the rejection ends the process
      export const handler = async () => 1;`,
  };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assert.equal(result.json.errorType, 'Runtime.UnhandledPromiseRejection');
  assert.equal(result.json.errorMessage, 'Error: init went wrong');
  assert.equal(result.code, 128);
});

test('top-level await that can never settle: Runtime.NodeJsExit init error', async () => {
  const files = { 'index.mjs': 'await new Promise(() => {});\nexport const handler = async () => 1;' };
  const result = await initErrorOf({ files, handler: 'index.handler' });
  assertInitError(result, 'Runtime.NodeJsExit', /unexpected Node\.js exit code/);
  assert.equal(result.code, 1);
});
