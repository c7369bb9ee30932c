// Follows a chat answer with aws-appsync-subscription-link 4 under Apollo Client 4 (AppSync's real-time
// dialect, the API key in the header- subprotocol): prints {"event":"chunk",...} per chunk until the final one.
// The test asks the question once the server has the subscription (Apollo Client does not surface the
// link's start_ack to the application).
// Usage: node chat-appsync-link.mjs <graphql url> <api key> <conversation>
import WebSocket from 'ws';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';

// Node 20 has no global WebSocket; the link calls `new WebSocket(url, protocols)`.
globalThis.WebSocket = WebSocket;

const [graphqlUrl, apiKey, conversationId] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const link = createSubscriptionHandshakeLink({ url: graphqlUrl, region: 'us-east-1', auth: { type: 'API_KEY', apiKey } });
const client = new ApolloClient({ link, cache: new InMemoryCache() });

const subscription = client.subscribe({
  query: gql`subscription C($c: ID!) { onChunk(conversationId: $c) { conversationId seq text done } }`,
  variables: { c: conversationId },
  fetchPolicy: 'no-cache',
}).subscribe({
  next: (result) => {
    if (result.error) {
      print({ event: 'error', error: result.error.message });
      process.exit(1);
    }
    if (!result.data) {
      return;
    }
    print({ event: 'chunk', chunk: result.data.onChunk });
    if (result.data.onChunk?.done) {
      subscription.unsubscribe();
      process.exit(0);
    }
  },
  error: (error) => {
    print({ event: 'error', error: String(error?.message ?? error) });
    process.exit(1);
  },
});
