import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRuntime, withRuntime } from './support/client.mjs';

// A broken client deadlocks these tests instead of failing them; the timeout turns that into a failure.
const options = { timeout: 30_000 };

const streamingHandler = (body, imports = '') => ({
  'index.mjs': `${imports}
    export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
      ${body}
    });`,
});

function decodeErrorTrailer(outcome) {
  return JSON.parse(Buffer.from(outcome.trailers['lambda-runtime-function-error-body'], 'base64').toString('utf8'));
}

test('each write reaches the Runtime API before the handler writes the next', options, async () => {
  const files = streamingHandler(
    `
      responseStream.setContentType('text/plain');
      responseStream.write('chunk-1;');
      await waitForSignal('got-1');
      responseStream.write('chunk-2;');
      await waitForSignal('got-2');
      responseStream.write('chunk-3;');
      responseStream.end();`,
    "import { waitForSignal } from './signal.mjs';",
  );
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    // Each signal is released only once the stub holds the chunk written before it: a client that
    // buffered writes would never get past chunk-1.
    const onData = (soFar) => {
      if (soFar === 'chunk-1;') stub.release('got-1');
      if (soFar === 'chunk-1;chunk-2;') stub.release('got-2');
    };
    const outcome = await stub.invoke({}, { id: 'stream-1', onData });
    assert.equal(outcome.kind, 'response');
    assert.deepEqual(outcome.dataSnapshots, ['chunk-1;', 'chunk-1;chunk-2;', 'chunk-1;chunk-2;chunk-3;']);
    assert.equal(outcome.headers['lambda-runtime-function-response-mode'], 'streaming');
    assert.equal(outcome.headers['transfer-encoding'], 'chunked');
    assert.equal(outcome.headers['content-type'], 'text/plain');
    assert.equal(outcome.headers.trailer, 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body');
    assert.equal(outcome.headers['content-length'], undefined);
    assert.deepEqual(outcome.trailers, {});
    // The handler only asked for got-2 after got-1 was released, i.e. after chunk-1 had arrived.
    const at = (event) => stub.events.indexOf(event);
    assert.ok(at('release:got-1') < at('signal:got-2'), stub.events.join(' '));
    assert.ok(at('release:got-2') < at('response:stream-1'), stub.events.join(' '));

    await stub.invoke({}, { onData });
    const runtimeSockets = stub.requests.filter((r) => r.path.startsWith('/2018-06-01/')).map((r) => r.socket);
    assert.deepEqual([...new Set(runtimeSockets)], [runtimeSockets[0]], 'one keep-alive connection for the Runtime API');
  });
});

test('default content type, object and Buffer chunks, pipeline from a Readable', options, async () => {
  const files = streamingHandler(
    `
      responseStream.write({ n: 1 });
      responseStream.write(Buffer.from([0x2c]));
      await pipeline(Readable.from(['a', 'b', 'c']), responseStream);`,
    "import { pipeline } from 'node:stream/promises'; import { Readable } from 'node:stream';",
  );
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({});
    assert.equal(outcome.headers['content-type'], 'application/octet-stream');
    assert.equal(outcome.text, '{"n":1},abc');
    assert.deepEqual(outcome.trailers, {});
  });
});

test('HttpResponseStream: JSON prelude and 8 NUL bytes before the body', options, async () => {
  const prelude = { statusCode: 201, headers: { 'x-custom': 'yes' }, cookies: ['a=b; Secure'] };
  const files = streamingHandler(`
      const http = awslambda.HttpResponseStream.from(responseStream, ${JSON.stringify(prelude)});
      if (event.body) {
        http.write('hello ');
        http.end('world');
      } else {
        http.end();
      }`);
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const withBody = await stub.invoke({ body: true });
    assert.equal(withBody.headers['content-type'], 'application/vnd.awslambda.http-integration-response');
    assert.deepEqual(withBody.body, Buffer.concat([Buffer.from(JSON.stringify(prelude)), Buffer.alloc(8), Buffer.from('hello world')]));

    const empty = await stub.invoke({ body: false });
    assert.equal(empty.headers['content-type'], 'application/vnd.awslambda.http-integration-response');
    assert.deepEqual(empty.body, Buffer.concat([Buffer.from(JSON.stringify(prelude)), Buffer.alloc(8)]));
  });
});

test('setContentType after the first write is refused', options, async () => {
  const files = streamingHandler(`
      responseStream.write('x');
      try { responseStream.setContentType('text/html'); } catch (err) { responseStream.end(err.name); }`);
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({});
    assert.equal(outcome.text, 'xRuntime.InvalidStreamingOperation');
    assert.equal(outcome.headers['content-type'], 'application/octet-stream');
  });
});

test('handler failing mid-stream: error sent as trailers', options, async () => {
  const files = streamingHandler(`
      responseStream.write('partial');
      await new Promise((resolve) => setImmediate(resolve));
      throw new RangeError('mid-stream failure');`);
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({});
    assert.equal(outcome.kind, 'response');
    assert.equal(outcome.text, 'partial');
    assert.equal(outcome.trailers['lambda-runtime-function-error-type'], 'RangeError');
    const error = decodeErrorTrailer(outcome);
    assert.equal(error.errorType, 'RangeError');
    assert.equal(error.errorMessage, 'mid-stream failure');
    assert.equal(error.trace[0], 'RangeError: mid-stream failure');
  });
});

test('responseStream.destroy(error) and a failing pipeline: error sent as trailers', options, async () => {
  const files = streamingHandler(
    `
      if (event.mode === 'destroy') {
        responseStream.write('before destroy');
        responseStream.destroy(new TypeError('destroyed on purpose'));
        return;
      }
      async function* source() {
        yield 'from source';
        throw new Error('source broke');
      }
      await pipeline(Readable.from(source()), responseStream);`,
    "import { pipeline } from 'node:stream/promises'; import { Readable } from 'node:stream';",
  );
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const destroyed = await stub.invoke({ mode: 'destroy' });
    assert.equal(destroyed.text, 'before destroy');
    assert.equal(destroyed.trailers['lambda-runtime-function-error-type'], 'TypeError');
    assert.equal(decodeErrorTrailer(destroyed).errorMessage, 'destroyed on purpose');

    const piped = await stub.invoke({ mode: 'pipeline' });
    assert.equal(piped.text, 'from source');
    assert.equal(piped.trailers['lambda-runtime-function-error-type'], 'Error');
    assert.equal(decodeErrorTrailer(piped).errorMessage, 'source broke');
  });
});

test('failure before anything was written is a plain invocation error', options, async () => {
  const files = streamingHandler(`throw new Error('nothing written');`);
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const outcome = await stub.invoke({});
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.headers['lambda-runtime-function-error-type'], 'Error');
    assert.deepEqual([outcome.json.errorType, outcome.json.errorMessage], ['Error', 'nothing written']);
  });
});

test('work after end() delays the next /next until the handler settles', options, async () => {
  const files = streamingHandler(
    `
      responseStream.end('answered early');
      // Held by the stub until it has the complete response; only then does the handler finish.
      await waitForSignal('response-seen');
      await mark('handler-finishing');`,
    "import { waitForSignal, mark } from './signal.mjs';",
  );
  await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    const first = await stub.invoke({}, { id: 'early-1' });
    assert.equal(first.text, 'answered early');
    stub.release('response-seen');
    await stub.invoke({}, { id: 'early-2' });

    const order = stub.events.filter((e) => e === 'next' || e === 'response:early-1' || e === 'mark:handler-finishing');
    assert.deepEqual(order.slice(0, 4), ['next', 'response:early-1', 'mark:handler-finishing', 'next']);
  });
});

test('uncaught exception mid-stream: trailers, then exit 129', options, async () => {
  const files = streamingHandler(`
      responseStream.write('so far');
      setImmediate(() => { throw new EvalError('crashed mid-stream'); });
      await new Promise((resolve) => setTimeout(resolve, 600_000)); // never reached: the crash ends the process`);
  const runtime = await startRuntime({ files, handler: 'index.handler' });
  try {
    const outcome = await runtime.stub.invoke({});
    const { code } = await runtime.exit();
    assert.equal(outcome.text, 'so far');
    assert.equal(outcome.trailers['lambda-runtime-function-error-type'], 'EvalError');
    assert.equal(decodeErrorTrailer(outcome).errorMessage, 'crashed mid-stream');
    assert.equal(code, 129);
  } catch (err) {
    await runtime.kill();
    throw err;
  }
});
