// Entry point: `node bootstrap.mjs` with the Lambda environment variables set and cwd = LAMBDA_TASK_ROOT.
import { installAwsLambdaGlobal, isStreamingHandler, streamingHighWaterMark } from './awslambda-global.mjs';
import { exposeTraceId } from './context.mjs';
import { NodeJsExit, UnhandledPromiseRejection } from './errors.mjs';
import { clearEventLoopEmpty, watchEventLoop, whenEventLoopEmpty } from './event-loop.mjs';
import { loadHandler } from './handler-loader.mjs';
import { invokeBuffered } from './invoke-buffered.mjs';
import { invokeStreaming } from './invoke-streaming.mjs';
import { logError, patchConsole, setRequestId } from './log-patch.mjs';
import { RuntimeApi } from './runtime-api.mjs';

patchConsole();
watchEventLoop();
const api = new RuntimeApi(process.env.AWS_LAMBDA_RUNTIME_API);

// Where a crash is reported: the init error until the first event, then the current invocation.
const crash = { report: (error) => api.postInitError(error, { oneOff: true }) };
let crashing = false;

function crashWith(title, error, exitCode) {
  logError(title, error);
  if (crashing) return;
  crashing = true;
  Promise.resolve()
    .then(() => crash.report(error))
    .catch((err) => process.stderr.write(`overtime-node: could not report crash: ${err.message}\n`))
    .finally(() => process.exit(exitCode));
}

// Exit codes as on AWS: 129 after an uncaught exception, 128 after an unhandled rejection.
process.on('uncaughtException', (error) => crashWith('Uncaught Exception', error, 129));
process.on('unhandledRejection', (reason, promise) =>
  crashWith('Unhandled Promise Rejection', new UnhandledPromiseRejection(reason, promise), 128),
);

function giveUp(error) {
  process.stderr.write(`overtime-node: ${error.message}; exiting\n`);
  process.exit(1);
}

async function init() {
  installAwsLambdaGlobal();
  // A top-level await that can never settle would otherwise make Node exit without a word.
  whenEventLoopEmpty(() => crashWith('Uncaught Exception', new NodeJsExit(), 1));
  try {
    const handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER);
    return { handler, streaming: isStreamingHandler(handler), highWaterMark: streamingHighWaterMark(handler) };
  } catch (error) {
    logError('Uncaught Exception', error);
    crashing = true;
    await api.postInitError(error).catch(giveUp);
    process.exit(1);
  } finally {
    clearEventLoopEmpty();
  }
}

async function serve({ handler, streaming, highWaterMark }) {
  for (;;) {
    const invocation = await api.next().catch(giveUp);
    setRequestId(invocation.id);
    exposeTraceId(invocation.traceId);
    crash.report = (error) => api.postError(invocation.id, error, { oneOff: true });
    if (streaming) await invokeStreaming(api, handler, invocation, { highWaterMark, crash }).catch(giveUp);
    else await invokeBuffered(api, handler, invocation).catch(giveUp);
  }
}

serve(await init());
