// Subscribes with the npm graphql-ws client (graphql-transport-ws) and prints one JSON line per event:
// {"event":"next","payload":...} for each result, then {"event":"complete"} or {"event":"error",...}.
// Usage: node graphql-ws-subscribe.mjs <ws url> <api key> <events to wait for>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, apiKey, count] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { 'x-api-key': apiKey },
  retryAttempts: 0,
  on: { connected: () => print({ event: 'connected' }) },
});

let received = 0;
const unsubscribe = client.subscribe(
  { query: 'subscription Chunks($streamId: ID!) { onChunk(streamId: $streamId) { streamId seq } }',
    variables: { streamId: 's' }, operationName: 'Chunks' },
  {
    next: (result) => {
      print({ event: 'next', payload: result });
      if (++received === Number(count)) {
        unsubscribe(); // sends complete, then calls our complete below
        client.dispose();
      }
    },
    error: (error) => {
      print({ event: 'error', error: error instanceof Error ? error.message
        : Array.isArray(error) ? error : { code: error.code, reason: error.reason } });
      client.dispose();
      process.exitCode = 1;
    },
    complete: () => print({ event: 'complete' }),
  },
);
