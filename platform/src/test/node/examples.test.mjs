import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logRecords, withRuntime } from './support/client.mjs';

const EXAMPLES = new URL('../../../../examples/', import.meta.url);
const BOOTSTRAP = fileURLToPath(new URL('shell-echo/bootstrap', EXAMPLES));

function onPath(program) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
const shellSkip = !onPath('curl') || !onPath('bash') ? 'the shell example needs bash and curl on the PATH' : false;

test('examples/node-hello greets by name', async () => {
  const files = { 'index.mjs': await readFile(new URL('node-hello/index.mjs', EXAMPLES), 'utf8') };
  let named;
  let anonymous;
  const { stdout } = await withRuntime({ files, handler: 'index.handler' }, async ({ stub }) => {
    named = await stub.invoke({ name: 'Ada' }, { id: 'hello-1' });
    anonymous = await stub.invoke({}, { id: 'hello-2' });
  });
  assert.deepEqual(named.json, { message: 'Hello from Node, Ada!', requestId: 'hello-1' });
  assert.deepEqual(anonymous.json, { message: 'Hello from Node, world!', requestId: 'hello-2' });
  assert.deepEqual(
    logRecords(stdout).map((r) => [r.requestId, r.level]),
    [['hello-1', 'INFO'], ['hello-2', 'INFO']],
  );
});

test('examples/shell-echo/bootstrap echoes each event back', { timeout: 30_000, skip: shellSkip }, async () => {
  let first;
  let second;
  const result = await withRuntime({ files: {}, handler: 'function.handler', command: [BOOTSTRAP] }, async ({ stub }) => {
    first = await stub.invoke({ greeting: 'hi', list: [1, 2, 3], text: '100% "quoted"' }, { id: 'echo-1' });
    second = await stub.invoke('just a string', { id: 'echo-2', lowerCaseHeaders: true });
  });
  assert.equal(first.kind, 'response');
  assert.deepEqual(first.json, { echo: { greeting: 'hi', list: [1, 2, 3], text: '100% "quoted"' } });
  assert.equal(first.headers['content-type'], 'application/json');
  assert.equal(second.kind, 'response');
  assert.deepEqual(second.json, { echo: 'just a string' });
  // curl -f turns the 500 from /next into exit status 22, which ends the script.
  assert.equal(result.code, 22, result.stderr);
});
