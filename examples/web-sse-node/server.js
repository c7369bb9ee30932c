// An ordinary Node.js web app, no Lambda handler and no npm dependencies: node's own http module.
// On Lambda it runs behind AWS Lambda Web Adapter (run.sh starts it; see WebSseNode in
// ../template.yaml); on Overtime behind Overtime's adapter, unchanged. It listens on PORT (8080
// when unset), which both set. Routes:
//   GET /         a JSON greeting (?name=Ada) and one log line; a little work after the response
//   GET /events   Server-Sent Events: ?count=10 events, ?interval=100 ms apart, each flushed on its own
//   GET /healthz  the readiness check
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const port = Number(process.env.PORT || 8080);
let served = 0;

function greet(req, res, url) {
  const name = url.searchParams.get('name') || 'world';
  const body = JSON.stringify({ message: `Hello, ${name}!`, served: ++served, pid: process.pid });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  // Work after the response, as apps do (an audit record, a cache warmed): the caller already has
  // its answer. Under Overtime this runs within the freeze semantics of issue 19.
  const digest = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  console.log(`greeted ${name}; after the response: audit ${digest}`);
}

function events(req, res, url) {
  const count = Math.min(Number(url.searchParams.get('count') || 10), 1000);
  const interval = Math.min(Number(url.searchParams.get('interval') || 100), 10000);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  const startedAt = Date.now();
  let sent = 0;
  const send = () => {
    sent++;
    res.write(`id: ${sent}\nevent: tick\ndata: ${JSON.stringify({ n: sent, of: count, at: Date.now() })}\n\n`);
    if (sent >= count) {
      clearInterval(timer);
      res.end();
      console.log(`streamed ${sent} events in ${Date.now() - startedAt} ms`);
    }
  };
  const timer = setInterval(send, interval);
  req.on('close', () => clearInterval(timer)); // the caller went away: stop writing
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/') {
    greet(req, res, url);
  } else if (req.method === 'GET' && url.pathname === '/events') {
    events(req, res, url);
  } else if (req.method === 'GET' && url.pathname === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 3 });
    res.end('ok\n');
  } else {
    const body = JSON.stringify({ error: `no route for ${req.method} ${url.pathname}` });
    res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }
});
server.keepAliveTimeout = 60_000; // longer than an adapter's idle connections, so reuse never races a close
server.listen(port, () => console.log(`web-sse-node listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
