// Subscribes with aws-appsync-subscription-link 4 under Apollo Client 4 (AppSync's real-time dialect, API key
// auth in the header- subprotocol) and prints one JSON line per event: {"event":"connected"} at start_ack,
// {"event":"next","data":...} per data message, {"event":"error",...} on failure.
// Usage: node appsync-subscribe.mjs <http graphql url> <api key> <events to wait for>
import WebSocket from 'ws';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';

// Node 20 has no global WebSocket; the link calls `new WebSocket(url, protocols)`.
globalThis.WebSocket = WebSocket;

const [url, apiKey, count] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const link = createSubscriptionHandshakeLink({ url, region: 'us-east-1', auth: { type: 'API_KEY', apiKey } });
const client = new ApolloClient({ link, cache: new InMemoryCache() });

let received = 0;
const subscription = client.subscribe({
  query: gql`subscription Chunks($streamId: ID!) { onChunk(streamId: $streamId) { streamId seq } }`,
  variables: { streamId: 's' },
  fetchPolicy: 'no-cache',
}).subscribe({
  next: (result) => {
    if (result.extensions?.controlMsgType === 'CONNECTED') {
      print({ event: 'connected' });
      return;
    }
    if (result.error) {
      print({ event: 'error', error: result.error.message });
      process.exit(1);
    }
    print({ event: 'next', data: result.data });
    if (++received === Number(count)) {
      // The link sends stop and closes its socket once no subscription is left; node then exits.
      subscription.unsubscribe();
      print({ event: 'complete' });
    }
  },
  error: (error) => {
    print({ event: 'error', error: String(error?.message ?? error) });
    process.exit(1);
  },
});
