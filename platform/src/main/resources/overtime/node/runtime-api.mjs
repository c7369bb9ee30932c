import http from 'node:http';
import { toErrorResponse } from './errors.mjs';

const PREFIX = '/2018-06-01/runtime';
const ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';

export class RuntimeApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'RuntimeApiError';
    this.status = status;
  }
}

/** Client for the Lambda Runtime API 2018-06-01, over one keep-alive connection. */
export class RuntimeApi {
  #hostname;
  #port;
  #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(address) {
    if (!address) throw new Error('AWS_LAMBDA_RUNTIME_API is not set');
    const url = new URL(`http://${address}`);
    this.#hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.#port = Number(url.port || 80);
  }

  /** Long-polls for the next event; there is deliberately no timeout. */
  async next() {
    const res = await this.#send({ method: 'GET', path: `${PREFIX}/invocation/next`, retries: 1 });
    if (res.status !== 200) {
      throw new RuntimeApiError(`GET /runtime/invocation/next returned ${res.status}: ${res.body}`, res.status);
    }
    const h = res.headers;
    const id = h['lambda-runtime-aws-request-id'];
    if (!id) throw new RuntimeApiError('Lambda-Runtime-Aws-Request-Id header is missing', res.status);
    return {
      id,
      deadlineMs: Number(h['lambda-runtime-deadline-ms']),
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      traceId: h['lambda-runtime-trace-id'],
      clientContext: h['lambda-runtime-client-context'],
      cognitoIdentity: h['lambda-runtime-cognito-identity'],
      tenantId: h['lambda-runtime-aws-tenant-id'],
      body: res.body,
    };
  }

  /** Posts an already serialised JSON response. */
  async postResponse(id, json) {
    const path = `${PREFIX}/invocation/${encodeURIComponent(id)}/response`;
    this.#accepted(path, await this.#sendJson(path, json, {}));
  }

  /** `oneOff` uses a fresh connection: crash reports may happen while /next holds the shared one. */
  async postError(id, error, { oneOff = false } = {}) {
    await this.#postErrorDocument(`${PREFIX}/invocation/${encodeURIComponent(id)}/error`, error, oneOff);
  }

  async postInitError(error, { oneOff = false } = {}) {
    await this.#postErrorDocument(`${PREFIX}/init/error`, error, oneOff);
  }

  /**
   * Starts a streaming response. Returns the request (each write() is sent as its own HTTP chunk)
   * and a promise for the Runtime API's answer, which arrives once the request has ended.
   */
  openResponseStream(id, contentType) {
    const request = http.request({
      hostname: this.#hostname,
      port: this.#port,
      method: 'POST',
      path: `${PREFIX}/invocation/${encodeURIComponent(id)}/response`,
      agent: this.#agent,
      headers: {
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        'Transfer-Encoding': 'chunked',
        Trailer: `${ERROR_TYPE}, ${ERROR_BODY}`,
        'Content-Type': contentType,
      },
    });
    request.setNoDelay(true);
    const response = new Promise((resolve, reject) => {
      request.on('error', reject);
      request.on('response', (res) => collect(res).then(resolve, reject));
    }).then((res) => this.#accepted(request.path, res));
    return { request, response };
  }

  async #postErrorDocument(path, error, oneOff) {
    const doc = toErrorResponse(error);
    const res = await this.#sendJson(path, JSON.stringify(doc), { [ERROR_TYPE]: headerSafe(doc.errorType) }, oneOff);
    this.#accepted(path, res);
  }

  #sendJson(path, json, headers, oneOff = false) {
    const body = Buffer.from(json, 'utf8');
    return this.#send({
      method: 'POST',
      path,
      body,
      headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers },
      agent: oneOff ? false : this.#agent,
      retries: 1,
    });
  }

  #accepted(path, res) {
    if (res.status >= 500) throw new RuntimeApiError(`POST ${path} returned ${res.status}: ${res.body}`, res.status);
    if (res.status !== 202) process.stderr.write(`overtime-node: POST ${path} returned ${res.status}: ${res.body}\n`);
  }

  async #send({ method, path, body, headers = {}, agent = this.#agent, retries = 0 }) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#sendOnce(method, path, body, headers, agent);
      } catch (err) {
        // A kept-alive connection the server had closed meanwhile: the request never reached it.
        if (attempt >= retries || !err.reusedSocket || !(err.code === 'ECONNRESET' || err.code === 'EPIPE')) throw err;
      }
    }
  }

  #sendOnce(method, path, body, headers, agent) {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { hostname: this.#hostname, port: this.#port, method, path, headers, agent },
        (res) => collect(res).then(resolve, reject),
      );
      request.on('error', (err) => reject(Object.assign(err, { reusedSocket: request.reusedSocket })));
      request.end(body);
    });
  }
}

/** Ends a started streaming response, carrying the error in the trailers. */
export function endWithErrorTrailers(request, error) {
  const doc = toErrorResponse(error);
  request.addTrailers({
    [ERROR_TYPE]: headerSafe(doc.errorType),
    [ERROR_BODY]: Buffer.from(JSON.stringify(doc)).toString('base64'),
  });
  request.end();
}

function collect(res) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('error', reject);
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
  });
}

function headerSafe(value) {
  return String(value).replace(/[^\t\x20-\x7e]/g, (c) => encodeURIComponent(c));
}
