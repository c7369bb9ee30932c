import { Writable } from 'node:stream';
import { InvalidStreamingOperation } from './errors.mjs';
import { endWithErrorTrailers } from './runtime-api.mjs';

/**
 * The `responseStream` given to streamified handlers. The Runtime API request opens on the first
 * write, so the content type can change until then; after that every write() is handed straight
 * to the request, because incremental delivery is the whole point of streaming.
 */
export class ResponseStream extends Writable {
  #open;
  #postError;
  #contentType = 'application/octet-stream';
  #request = null;
  #failed = false;
  #settled;
  #settle;

  /**
   * @param open (contentType) => {request, response}: starts the streaming POST
   * @param postError (error) => Promise: reports a failure that happens before anything was sent
   */
  constructor({ open, postError, highWaterMark }) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
    this.#open = open;
    this.#postError = postError;
    this.#settled = new Promise((resolve) => (this.#settle = resolve));
    this._onBeforeFirstWrite = undefined;
    // destroy(err) by user code must fail the invocation, not crash the process for want of a listener.
    this.on('error', () => {});
  }

  /** Resolves once the outcome was delivered: response complete, error reported, or connection lost. */
  get settled() {
    return this.#settled;
  }

  setContentType(contentType) {
    if (this.#request) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    this.#contentType = contentType;
  }

  write(chunk, encoding, callback) {
    return super.write(asChunk(chunk), encoding, callback);
  }

  end(chunk, encoding, callback) {
    if (chunk == null || typeof chunk === 'function') return super.end(chunk, encoding, callback);
    return super.end(asChunk(chunk), encoding, callback);
  }

  /**
   * Makes `error` the invocation's outcome: as trailers if the response has begun, as a plain
   * error report if nothing was sent. Returns false when it is too late (response complete).
   */
  fail(error) {
    if (this.#failed) return true;
    if (this.#request?.writableEnded) return false;
    this.#failed = true;
    if (this.#request) {
      endWithErrorTrailers(this.#request, error);
    } else {
      this.#postError(error).then(this.#settle, (err) => this.#lost(err));
    }
    this.destroy();
    return true;
  }

  _write(chunk, _encoding, callback) {
    const request = this.#start();
    if (request.write(chunk)) callback();
    else request.once('drain', () => callback());
  }

  _final(callback) {
    this.#start().end(() => callback());
  }

  _destroy(error, callback) {
    if (!this.#failed && !this.writableFinished) {
      this.fail(error ?? new InvalidStreamingOperation('Response stream was destroyed before it ended.'));
    }
    callback(error);
  }

  #start() {
    if (this.#request) return this.#request;
    const { request, response } = this.#open(this.#contentType);
    this.#request = request;
    response.then(this.#settle, (err) => this.#lost(err));
    if (typeof this._onBeforeFirstWrite === 'function') this._onBeforeFirstWrite((chunk) => request.write(chunk));
    return request;
  }

  #lost(error) {
    process.stderr.write(`overtime-node: streaming response failed: ${error.message}\n`);
    this.#failed = true;
    this.destroy();
    this.#settle();
  }
}

// As on AWS, anything that is not text or bytes is written as JSON.
function asChunk(chunk) {
  return typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
}
