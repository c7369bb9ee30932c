import util from 'node:util';

export class ImportModuleError extends Error {}
export class HandlerNotFound extends Error {}
export class MalformedHandlerName extends Error {}
export class UserCodeSyntaxError extends Error {}
export class MalformedStreamingHandler extends Error {}
export class InvalidStreamingOperation extends Error {}

export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}

export class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(safeString(reason));
    this.reason = reason;
    this.promise = promise;
  }
}

// AWS reports these as e.g. "Runtime.ImportModuleError"; platforms and users match on that string.
for (const type of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  MalformedStreamingHandler,
  InvalidStreamingOperation,
  NodeJsExit,
  UnhandledPromiseRejection,
]) {
  type.prototype.name = `Runtime.${type.name}`;
}

function safeString(value) {
  try {
    return value === undefined ? '' : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function looksLikeError(value) {
  return (
    value != null &&
    typeof value.name === 'string' &&
    typeof value.message === 'string' &&
    typeof value.stack === 'string' &&
    value.name !== '' &&
    value.message !== ''
  );
}

// DEL is not allowed in HTTP header values; AWS escapes it the same way.
const escapeDel = (s) => String(s).replaceAll('\x7F', '%7F');

/** The {errorType, errorMessage, trace} document the Runtime API expects. */
export function toErrorResponse(error) {
  try {
    if (util.types.isNativeError(error) || looksLikeError(error)) {
      return {
        errorType: escapeDel(error.name),
        errorMessage: escapeDel(error.message),
        trace: typeof error.stack === 'string' ? escapeDel(error.stack).split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** The tab-prefixed JSON AWS appends to "Invoke Error" / "Uncaught Exception" log lines. */
export function describeForLog(error) {
  const err = error instanceof Error ? error : new Error(safeString(error));
  try {
    return (
      '\t' +
      JSON.stringify(err, (_key, value) => {
        if (!(value instanceof Error)) return value;
        const plain = { errorType: value.name, errorMessage: value.message, code: value.code, ...value };
        if (typeof value.stack === 'string') plain.stack = value.stack.split('\n');
        return plain;
      })
    );
  } catch {
    return '\t' + JSON.stringify(toErrorResponse(err));
  }
}
