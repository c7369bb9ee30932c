import { buildContext } from './context.mjs';
import { InvalidStreamingOperation, MalformedStreamingHandler } from './errors.mjs';
import { clearEventLoopEmpty, eventLoopEmpty } from './event-loop.mjs';
import { logError } from './log-patch.mjs';
import { ResponseStream } from './response-stream.mjs';

/**
 * Runs one invocation of a streamified handler `(event, responseStream, context)`. Resolves only
 * when both the handler's promise has settled and the response is delivered: a handler may end the
 * stream and keep working, and the next event must wait for it.
 */
export async function invokeStreaming(api, handler, invocation, { highWaterMark, crash }) {
  const stream = new ResponseStream({
    highWaterMark,
    open: (contentType) => api.openResponseStream(invocation.id, contentType),
    postError: (error) => api.postError(invocation.id, error),
  });
  crash.report = async (error) => {
    if (stream.fail(error)) await stream.settled;
    else await api.postError(invocation.id, error, { oneOff: true });
  };

  let waitForEmptyEventLoop = true;
  try {
    const context = buildContext(invocation, {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
    });
    const result = handler(JSON.parse(invocation.body), stream, context);
    if (typeof result?.then !== 'function') {
      throw new MalformedStreamingHandler('Streaming does not support non-async handlers.');
    }
    if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
    // The handler may leave the stream to something still running (an un-awaited pipeline, say).
    if ((await settledOrIdle(stream)) === 'idle') {
      throw new InvalidStreamingOperation('Response stream is not finished.');
    }
  } catch (error) {
    logError('Invoke Error', error);
    stream.fail(error);
  }
  await stream.settled;
  if (waitForEmptyEventLoop) await eventLoopEmpty();
}

async function settledOrIdle(stream) {
  try {
    return await Promise.race([stream.settled.then(() => 'settled'), eventLoopEmpty().then(() => 'idle')]);
  } finally {
    clearEventLoopEmpty();
  }
}
