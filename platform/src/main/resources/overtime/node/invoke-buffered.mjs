import { buildContext } from './context.mjs';
import { NodeJsExit } from './errors.mjs';
import { clearEventLoopEmpty, whenEventLoopEmpty } from './event-loop.mjs';
import { logError } from './log-patch.mjs';

/**
 * Runs one invocation of a classic handler: returned promise, callback(err, result), or
 * context.succeed/fail/done; the first answer wins. Resolves when the outcome has been posted.
 */
export function invokeBuffered(api, handler, invocation) {
  return new Promise((resolve, reject) => {
    let answered = false;
    let reported = false;
    let waitForEmptyEventLoop = true;

    const report = (error, result) => {
      if (reported) return;
      reported = true;
      clearEventLoopEmpty();
      postOutcome(api, invocation.id, error, result).then(resolve, reject);
    };
    const callback = (error, result) => {
      if (answered) return;
      answered = true;
      clearEventLoopEmpty();
      if (error != null || !waitForEmptyEventLoop) return report(error, result);
      // AWS delivers a callback's result only after everything the invocation started has finished.
      whenEventLoopEmpty(() => setImmediate(() => report(null, result)));
    };
    const done = (error, result) => {
      if (answered) return;
      answered = true;
      report(error, result);
    };

    const isAsync = handler.constructor?.name === 'AsyncFunction';
    whenEventLoopEmpty(() => {
      // Nothing left that could ever answer: AWS fails async handlers and gives others a null result.
      answered = true;
      report(isAsync ? new NodeJsExit() : null, null);
    });

    try {
      const context = buildContext(invocation, {
        get callbackWaitsForEmptyEventLoop() {
          return waitForEmptyEventLoop;
        },
        set callbackWaitsForEmptyEventLoop(value) {
          waitForEmptyEventLoop = value;
        },
        succeed: (result) => done(null, result),
        fail: (error) => done(error ?? 'handled', null),
        done,
      });
      const result = handler(JSON.parse(invocation.body), context, callback);
      if (typeof result?.then === 'function') result.then(context.succeed, context.fail);
    } catch (error) {
      callback(error);
    }
  });
}

async function postOutcome(api, id, error, result) {
  if (error != null) {
    logError('Invoke Error', error);
    return api.postError(id, error);
  }
  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result) ?? 'null';
  } catch {
    const unserializable = new Error('Unable to stringify response body');
    logError('Invoke Error', unserializable);
    return api.postError(id, unserializable);
  }
  return api.postResponse(id, json);
}
