// A tiny web app for the adapter's end-to-end tests: plain node:http, no dependencies.
import http from 'node:http';

const startedAt = Date.now();
const healthyAfter = Number(process.env.HEALTHY_AFTER_MS || 0);
let healthyAt = healthyAfter === 0 ? startedAt : null;
let firstRequestAt = null;

function body(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') {
    if (Date.now() - startedAt < healthyAfter) {
      res.writeHead(503).end('starting');
      return;
    }
    healthyAt ??= Date.now();
    res.end('ok');
    return;
  }
  firstRequestAt ??= Date.now();
  const payload = await body(req);
  switch (url.pathname) {
    case '/':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from node');
      return;
    case '/stats':
      json(res, 200, { startedAt, healthyAt, firstRequestAt, pid: process.pid, port: process.env.PORT });
      return;
    case '/echo':
      json(res, 200, {
        method: req.method, path: url.pathname, query: url.search, headers: req.headers,
        body: payload.toString('base64'),
      });
      return;
    case '/echo-body':
      res.writeHead(200, { 'content-type': req.headers['content-type'] || 'application/octet-stream' }).end(payload);
      return;
    case '/binary':
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
      return;
    case '/cookies':
      res.setHeader('set-cookie', ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/']);
      res.setHeader('x-multi', ['a', 'b']);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('two cookies');
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024));
      return;
    case '/teapot':
      res.writeHead(418, { 'content-type': 'text/plain' }).end("I'm a teapot");
      return;
    case '/sse': {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (let n = 1; n <= 5; n++) {
        res.write(`data: ${JSON.stringify({ n, sentAt: Date.now() })}\n\n`);
        if (n < 5) {
          await new Promise((r) => setTimeout(r, 300));
        }
      }
      res.end();
      return;
    }
    case '/exit':
      res.writeHead(200, { 'content-type': 'text/plain' }).end('bye', () => setImmediate(() => process.exit(3)));
      return;
    case '/events':
      json(res, 200, { passedThrough: JSON.parse(payload.toString() || 'null') });
      return;
    default:
      json(res, 404, { message: 'no route ' + url.pathname });
  }
});

server.listen(Number(process.env.PORT || 8080), '127.0.0.1');
