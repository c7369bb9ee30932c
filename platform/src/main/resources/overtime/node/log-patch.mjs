import util from 'node:util';
import { describeForLog } from './errors.mjs';

// Same global slot as AWS's client, so libraries that read the current request id keep working.
const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');

export function setRequestId(id) {
  globalThis[REQUEST_ID] = id;
}

function emit(level, message, ...params) {
  const text = util.format(message, ...params);
  // Newlines become CR so a multi-line message stays one log record, as on AWS.
  const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level}\t${text}`.replace(/\n/g, '\r');
  process.stdout.write(line + '\n');
}

/** Routes console output to stdout in AWS's text format: timestamp, request id, level, message. */
export function patchConsole() {
  const levels = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'FATAL' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (message, ...params) => emit(level, message, ...params);
  }
}

/** Logs an error the way AWS does for failed invocations and crashes. */
export function logError(title, error) {
  console.error(title, describeForLog(error));
}
