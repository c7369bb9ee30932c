import http from 'node:http';
import { once } from 'node:events';

const PREFIX = '/2018-06-01/runtime';

/**
 * A Runtime API 2018-06-01 stand-in for one client process. Tests queue events with invoke(), get
 * each outcome back as a promise, and can hold "signal" requests a handler makes (GET
 * /test/signal/<name>) until the test releases them, to sequence things without sleeping.
 */
export class StubRuntimeApi {
  #server = http.createServer((req, res) => this.#route(req, res));
  #queue = [];
  #heldNext = [];
  #finished = false;
  #outcomes = new Map();
  #signals = new Map();
  #socketIds = new WeakMap();
  #initError = deferred();
  connections = 0;
  /** Every request, in arrival order: { method, path, socket, headers }. */
  requests = [];
  /** Ordered milestones ("next", "response:<id>", "error:<id>", "mark:<name>", ...) for sequencing checks. */
  events = [];

  async start() {
    this.#server.on('connection', (socket) => this.#socketIds.set(socket, ++this.connections));
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.address = `127.0.0.1:${this.#server.address().port}`;
    return this;
  }

  /**
   * Queues one event. Resolves with the outcome: { kind: 'response' | 'error', headers, body (Buffer),
   * text, json, trailers, dataSnapshots }. `onData(textSoFar)` sees a streamed body grow.
   */
  invoke(event, { id = `req-${Math.random().toString(16).slice(2)}`, headers = {}, onData, lowerCaseHeaders = false } = {}) {
    const outcome = deferred();
    this.#outcomes.set(id, { ...outcome, onData });
    this.#queue.push({ id, event, headers, lowerCaseHeaders });
    this.#serveNext();
    return outcome.promise;
  }

  /** Resolves with { headers, json } of the first POST /runtime/init/error. */
  get initError() {
    return this.#initError.promise;
  }

  /** From now on /next answers 500, which tells the client to exit. */
  finish() {
    this.#finished = true;
    this.#serveNext();
  }

  /** Resolves when a handler's GET /test/signal/<name> has arrived (it stays held until release). */
  signalArrived(name) {
    return this.#signal(name).arrived.promise;
  }

  release(name) {
    const signal = this.#signal(name);
    signal.released = true;
    for (const res of signal.held.splice(0)) res.end('released');
    this.events.push(`release:${name}`);
  }

  async close() {
    this.#server.closeAllConnections();
    this.#server.close();
  }

  #signal(name) {
    if (!this.#signals.has(name)) this.#signals.set(name, { held: [], released: false, arrived: deferred() });
    return this.#signals.get(name);
  }

  #serveNext() {
    while (this.#heldNext.length > 0 && (this.#queue.length > 0 || this.#finished)) {
      const res = this.#heldNext.shift();
      if (this.#queue.length === 0) {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"errorType":"Shutdown"}');
        continue;
      }
      const { id, event, headers, lowerCaseHeaders } = this.#queue.shift();
      const all = {
        'Content-Type': 'application/json',
        'Lambda-Runtime-Aws-Request-Id': id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:test',
        'Lambda-Runtime-Trace-Id': 'Root=1-00000000-000000000000000000000000;Sampled=0',
        ...headers,
      };
      res.writeHead(200, lowerCaseHeaders ? Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v])) : all);
      res.end(JSON.stringify(event));
    }
  }

  #route(req, res) {
    const path = req.url;
    this.requests.push({ method: req.method, path, socket: this.#socketIds.get(req.socket), headers: req.headers });

    if (req.method === 'GET' && path === `${PREFIX}/invocation/next`) {
      this.events.push('next');
      this.#heldNext.push(res);
      this.#serveNext();
      return;
    }
    if (req.method === 'GET' && path.startsWith('/test/signal/')) {
      const name = decodeURIComponent(path.slice('/test/signal/'.length));
      const signal = this.#signal(name);
      this.events.push(`signal:${name}`);
      signal.arrived.resolve();
      if (signal.released) res.end('released');
      else signal.held.push(res);
      return;
    }
    if (req.method === 'GET' && path.startsWith('/test/mark/')) {
      this.events.push(`mark:${decodeURIComponent(path.slice('/test/mark/'.length))}`);
      res.end('ok');
      return;
    }
    if (req.method === 'POST' && path === `${PREFIX}/init/error`) {
      readBody(req).then(({ body }) => {
        this.events.push('init-error');
        res.writeHead(202).end('{"status":"OK"}');
        this.#initError.resolve({ headers: req.headers, json: JSON.parse(body.toString('utf8')) });
      });
      return;
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (req.method === 'POST' && match) {
      const id = decodeURIComponent(match[1]);
      const kind = match[2];
      const pending = this.#outcomes.get(id);
      readBody(req, pending?.onData).then(({ body, dataSnapshots }) => {
        this.events.push(`${kind}:${id}`);
        res.writeHead(202).end('{"status":"OK"}');
        const text = body.toString('utf8');
        pending?.resolve({
          kind,
          headers: req.headers,
          trailers: req.trailers,
          body,
          text,
          dataSnapshots,
          get json() {
            return JSON.parse(text);
          },
        });
      });
      return;
    }
    res.writeHead(404).end();
  }
}

function readBody(req, onData) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const dataSnapshots = [];
    req.on('data', (chunk) => {
      chunks.push(chunk);
      const soFar = Buffer.concat(chunks).toString('utf8');
      dataSnapshots.push(soFar);
      onData?.(soFar);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), dataSnapshots }));
    req.on('error', reject);
  });
}

export function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
