import { MalformedStreamingHandler } from './errors.mjs';

// Symbol.for keys shared with AWS's client: code that marks handlers itself keeps working.
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER = new Uint8Array(8);

/** Implements application/vnd.awslambda.http-integration-response: JSON prelude, 8 NUL bytes, then the body. */
export class HttpResponseStream {
  static from(stream, prelude) {
    stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    // NUL bytes cannot occur in JSON text, which is what makes the delimiter unambiguous.
    const json = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(json);
      write(PRELUDE_DELIMITER);
    };
    return stream;
  }
}

function streamifyResponse(handler, options) {
  handler[STREAMING] = STREAM_RESPONSE;
  if (typeof options?.highWaterMark === 'number') handler[HIGH_WATER_MARK] = Math.trunc(options.highWaterMark);
  return handler;
}

/** Defines `globalThis.awslambda` unless disabled the way AWS allows. Must run before user code loads. */
export function installAwsLambdaGlobal() {
  const optOut = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (optOut === '1' || optOut === 'true') return;
  globalThis.awslambda = { streamifyResponse, HttpResponseStream };
}

export function isStreamingHandler(handler) {
  const mode = handler[STREAMING];
  if (mode === undefined || mode === null || mode === false) return false;
  if (mode !== STREAM_RESPONSE) throw new MalformedStreamingHandler('Only response streaming is supported.');
  return true;
}

export function streamingHighWaterMark(handler) {
  const value = Number.parseInt(handler[HIGH_WATER_MARK], 10);
  return Number.isNaN(value) ? undefined : value;
}
