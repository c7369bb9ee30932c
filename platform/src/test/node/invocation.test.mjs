import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withRuntime } from './support/client.mjs';

async function outcomesOf(options, events) {
  const outcomes = [];
  await withRuntime(options, async ({ stub }) => {
    for (const event of events) outcomes.push(await stub.invoke(event));
  });
  return outcomes;
}

test('async handler result is posted as JSON; undefined becomes null', async () => {
  const files = { 'index.mjs': 'export const handler = async (event) => event.answer;' };
  const [some, none] = await outcomesOf({ files, handler: 'index.handler' }, [{ answer: { a: [1, 'b'] } }, {}]);
  assert.equal(some.kind, 'response');
  assert.deepEqual(some.json, { a: [1, 'b'] });
  assert.equal(some.headers['content-type'], 'application/json');
  assert.equal(none.kind, 'response');
  assert.equal(none.text, 'null');
});

test('non-async handler returning a promise', async () => {
  const files = { 'index.js': 'exports.handler = (event) => Promise.resolve(event.n * 2);' };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{ n: 21 }]);
  assert.equal(outcome.text, '42');
});

test('callback result waits for the event loop to empty by default', async () => {
  const files = {
    'index.js': `
      const { mark } = require('./signal.cjs');
      exports.handler = (event, context, callback) => {
        callback(null, { waited: context.callbackWaitsForEmptyEventLoop });
        setImmediate(() => mark('background-done'));
      };`,
  };
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({}, { id: 'cb-1' });
    assert.deepEqual(outcome.json, { waited: true });
    assert.deepEqual(stub.events.slice(0, 3), ['next', 'mark:background-done', 'response:cb-1']);
  });
});

test('callbackWaitsForEmptyEventLoop = false posts the callback result at once', async () => {
  const files = {
    'index.js': `
      const { waitForSignal, mark } = require('./signal.cjs');
      exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = false;
        // Held by the stub until the response has arrived: waiting for an empty loop would deadlock.
        waitForSignal('response-seen').then(() => mark('background-done'));
        callback(null, 'early');
      };`,
  };
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({}, { id: 'cb-2' });
    assert.equal(outcome.json, 'early');
    stub.release('response-seen');
    assert.ok(stub.events.indexOf('response:cb-2') < stub.events.indexOf('release:response-seen'));
  });
});

test('callback error is posted as an invocation error', async () => {
  const files = { 'index.js': 'exports.handler = (event, context, callback) => callback(new RangeError("out of range"));' };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{}]);
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.json.errorType, 'RangeError');
  assert.equal(outcome.json.errorMessage, 'out of range');
});

test('context.succeed, context.fail and context.done', async () => {
  const files = {
    'index.js': `
      exports.handler = (event, context) => {
        if (event.use === 'succeed') context.succeed({ via: 'succeed' });
        if (event.use === 'fail') context.fail(new Error('via fail'));
        if (event.use === 'done') context.done(null, { via: 'done' });
        if (event.use === 'done-error') context.done(new Error('via done'));
      };`,
  };
  const [succeed, fail, done, doneError] = await outcomesOf({ files, handler: 'index.handler' }, [
    { use: 'succeed' },
    { use: 'fail' },
    { use: 'done' },
    { use: 'done-error' },
  ]);
  assert.deepEqual([succeed.kind, succeed.json], ['response', { via: 'succeed' }]);
  assert.deepEqual([fail.kind, fail.json.errorMessage], ['error', 'via fail']);
  assert.deepEqual([done.kind, done.json], ['response', { via: 'done' }]);
  assert.deepEqual([doneError.kind, doneError.json.errorMessage], ['error', 'via done']);
});

test('only the first answer counts', async () => {
  const files = {
    'index.js': `
      exports.handler = (event, context, callback) => {
        context.succeed('first');
        callback(null, 'second');
        context.fail(new Error('third'));
      };`,
  };
  const [outcome, next] = await outcomesOf({ files, handler: 'index.handler' }, [{}, {}]);
  assert.equal(outcome.json, 'first');
  assert.equal(next.json, 'first');
});

test('thrown error: shape, header and log line', async () => {
  const files = {
    'index.mjs': 'export const handler = async () => { null.boom; };',
  };
  let outcome;
  const { stdout } = await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    outcome = await stub.invoke({}, { id: 'err-1' });
  });
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.headers['lambda-runtime-function-error-type'], 'TypeError');
  assert.equal(outcome.json.errorType, 'TypeError');
  assert.match(outcome.json.errorMessage, /Cannot read properties of null/);
  assert.equal(outcome.json.trace[0], `TypeError: ${outcome.json.errorMessage}`);
  assert.match(outcome.json.trace[1], /^ {4}at handler \(file:\/\/.*index\.mjs:1:\d+\)$/);
  assert.deepEqual(Object.keys(outcome.json), ['errorType', 'errorMessage', 'trace']);
  assert.match(stdout, /\terr-1\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"Cannot read properties of null/);
});

test('custom error class name is the error type', async () => {
  const files = {
    'index.mjs': `
      class OrderNotFound extends Error { constructor(m) { super(m); this.name = 'OrderNotFound'; } }
      export const handler = async () => { throw new OrderNotFound('order 7'); };`,
  };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{}]);
  assert.equal(outcome.json.errorType, 'OrderNotFound');
  assert.equal(outcome.headers['lambda-runtime-function-error-type'], 'OrderNotFound');
});

test('non-Error throws and rejections are reported like AWS does', async () => {
  const files = {
    'index.js': `
      exports.handler = async (event) => {
        if (event.kind === 'string') throw 'plain string';
        if (event.kind === 'object') throw { code: 42 };
        if (event.kind === 'undefined') return Promise.reject(undefined);
      };`,
  };
  const [string, object, undef] = await outcomesOf({ files, handler: 'index.handler' }, [
    { kind: 'string' },
    { kind: 'object' },
    { kind: 'undefined' },
  ]);
  assert.deepEqual(string.json, { errorType: 'string', errorMessage: 'plain string', trace: [] });
  assert.deepEqual(object.json, { errorType: 'object', errorMessage: '[object Object]', trace: [] });
  assert.deepEqual(undef.json, { errorType: 'string', errorMessage: 'handled', trace: [] });
});

test('synchronous throw from a non-async handler', async () => {
  const files = { 'index.js': 'exports.handler = () => { throw new Error("sync boom"); };' };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{}]);
  assert.deepEqual([outcome.kind, outcome.json.errorType, outcome.json.errorMessage], ['error', 'Error', 'sync boom']);
});

test('unserialisable result becomes an error', async () => {
  const files = { 'index.mjs': 'export const handler = async () => { const a = {}; a.self = a; return a; };' };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{}]);
  assert.deepEqual([outcome.kind, outcome.json.errorMessage], ['error', 'Unable to stringify response body']);
});

test('a callback handler that never answers succeeds with null once idle', async () => {
  const files = { 'index.js': 'exports.handler = (event, context, callback) => {};' };
  const [outcome] = await outcomesOf({ files, handler: 'index.handler' }, [{}]);
  assert.deepEqual([outcome.kind, outcome.text], ['response', 'null']);
});

test('an async handler whose promise can never settle fails with Runtime.NodeJsExit', async () => {
  const files = { 'index.mjs': 'export const handler = async () => new Promise(() => {});' };
  const [outcome, next] = await outcomesOf({ files, handler: 'index.handler' }, [{}, {}]);
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.json.errorType, 'Runtime.NodeJsExit');
  assert.equal(next.json.errorType, 'Runtime.NodeJsExit');
});

test('all Runtime API calls share one keep-alive connection', async () => {
  const files = { 'index.mjs': 'export const handler = async (e) => { if (e.fail) throw new Error("x"); return e; };' };
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    await stub.invoke({ n: 1 });
    await stub.invoke({ fail: true });
    await stub.invoke({ n: 3 });
    const runtimeCalls = stub.requests.map((r) => `${r.method} ${r.path.replace(/req-\w+/, 'ID')}`);
    assert.deepEqual(runtimeCalls.slice(0, 6), [
      'GET /2018-06-01/runtime/invocation/next',
      'POST /2018-06-01/runtime/invocation/ID/response',
      'GET /2018-06-01/runtime/invocation/next',
      'POST /2018-06-01/runtime/invocation/ID/error',
      'GET /2018-06-01/runtime/invocation/next',
      'POST /2018-06-01/runtime/invocation/ID/response',
    ]);
    assert.deepEqual([...new Set(stub.requests.map((r) => r.socket))], [1]);
    assert.equal(stub.connections, 1);
  });
});

test('client exits with status 1 when /next answers 500', async () => {
  const files = { 'index.mjs': 'export const handler = async () => 1;' };
  const result = await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    await stub.invoke({});
  });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /returned 500/);
});
