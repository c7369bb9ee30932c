import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { after } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StubRuntimeApi } from './stub-runtime-api.mjs';

export const BOOTSTRAP = fileURLToPath(new URL('../../../main/resources/overtime/node/bootstrap.mjs', import.meta.url));

/**
 * Handler-side helpers, written into every task root as signal.mjs / signal.cjs. They use one-off
 * connections (agent: false) so nothing lingers in the function's event loop afterwards.
 */
const HELPER_BODY = `
const http = require('node:http');
function get(path) {
  const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
  return new Promise((resolve, reject) => {
    http.get({ host, port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}
/** Waits until the test releases the named signal. */
const waitForSignal = (name) => get('/test/signal/' + encodeURIComponent(name));
/** Records a milestone in the stub's event list. */
const mark = (name) => get('/test/mark/' + encodeURIComponent(name));
`;
const HELPERS = {
  'signal.cjs': `${HELPER_BODY}\nmodule.exports = { waitForSignal, mark };\n`,
  'signal.mjs': `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${HELPER_BODY}\nexport { waitForSignal, mark };\n`,
};

// A test that timed out leaves its client and stub behind; they must not keep the test file alive.
const running = new Set();
after(() => Promise.all([...running].map((runtime) => runtime.kill())));

export const FUNCTION_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: 'test-function',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/test-function',
  AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[$LATEST]0123456789abcdef',
  AWS_REGION: 'us-east-1',
  TZ: ':UTC',
};

/**
 * Starts a stub Runtime API and a client process (`node bootstrap.mjs`, cwd = task root) serving
 * `handler` from `files`. Call stop() to let the client exit (via a 500 from /next) and clean up.
 */
export async function startRuntime({ files, handler, env = {}, command = [process.execPath, BOOTSTRAP] }) {
  const stub = await new StubRuntimeApi().start();
  const taskRoot = await mkdtemp(path.join(tmpdir(), 'overtime-node-test-'));
  for (const [name, content] of Object.entries({ ...HELPERS, ...files })) {
    await mkdir(path.dirname(path.join(taskRoot, name)), { recursive: true });
    await writeFile(path.join(taskRoot, name), content);
  }
  const child = spawn(command[0], command.slice(1), {
    cwd: taskRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      ...FUNCTION_ENV,
      AWS_LAMBDA_RUNTIME_API: stub.address,
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: handler,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));

  const runtime = {
    stub,
    child,
    taskRoot,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    /** Lets the client exit normally, then returns its exit status and output. */
    async stop() {
      stub.finish();
      return this.exit();
    },
    /** For clients that exit by themselves (init errors, crashes). */
    async exit() {
      const result = await exited;
      running.delete(runtime);
      await stub.close();
      await rm(taskRoot, { recursive: true, force: true });
      return result;
    },
    async kill() {
      child.kill('SIGKILL');
      return this.exit();
    },
  };
  running.add(runtime);
  return runtime;
}

/**
 * Runs `body` against a fresh runtime. On success the client is stopped and must exit with status 1
 * (its answer to the 500 from /next); on failure it is killed and the output is attached to the error.
 */
export async function withRuntime(options, body) {
  const runtime = await startRuntime(options);
  try {
    await body(runtime);
  } catch (err) {
    await runtime.kill();
    err.message += `\n--- client stdout ---\n${runtime.stdout}\n--- client stderr ---\n${runtime.stderr}`;
    throw err;
  }
  return runtime.stop();
}

/** stdout records in AWS's text format, split into fields. */
export function logRecords(stdout) {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [timestamp, requestId, level, ...rest] = line.split('\t');
      return { line, timestamp, requestId, level, message: rest.join('\t') };
    });
}
