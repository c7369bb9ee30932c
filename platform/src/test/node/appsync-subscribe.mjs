// Subscribes with aws-appsync-subscription-link 4 under Apollo Client 4 (AppSync's real-time dialect, API key or
// IAM auth in the header- subprotocol, IAM signatures in each start too) and prints one JSON line per event:
// {"event":"connected"} at start_ack, {"event":"next","data":...} per data message, {"event":"error",...} on failure.
// Usage: node appsync-subscribe.mjs <http graphql url> <api key | AWS_IAM:<key id>:<secret>> <events to wait for>
//        [<subscription query> <variables JSON>]   (default: onChunk(streamId: "s") { streamId seq })
import WebSocket from 'ws';
import { createRequire } from 'node:module';

// The CommonJS builds: aws-appsync-auth-link's ES build imports @aws-crypto/sha256-js (CommonJS) as a namespace
// in which Node finds no Sha256, so IAM signing throws. The link must share Apollo's build, so both are required.
const require = createRequire(import.meta.url);
const { ApolloClient, InMemoryCache, gql } = require('@apollo/client');
const { createSubscriptionHandshakeLink } = require('aws-appsync-subscription-link');

// Node 20 has no global WebSocket; the link calls `new WebSocket(url, protocols)`.
globalThis.WebSocket = WebSocket;

const [url, credential, count, query, variables] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const [mode, accessKeyId, secretAccessKey] = credential.split(':');
const auth = mode === 'AWS_IAM'
  ? { type: 'AWS_IAM', credentials: { accessKeyId, secretAccessKey } }
  : { type: 'API_KEY', apiKey: credential };
const link = createSubscriptionHandshakeLink({ url, region: 'us-east-1', auth });
const client = new ApolloClient({ link, cache: new InMemoryCache() });

let received = 0;
const subscription = client.subscribe({
  query: query ? gql(query) : gql`subscription Chunks($streamId: ID!) { onChunk(streamId: $streamId) { streamId seq } }`,
  variables: variables ? JSON.parse(variables) : { streamId: 's' },
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
