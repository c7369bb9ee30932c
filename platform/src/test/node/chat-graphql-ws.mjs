// Asks the chat example a question through its async resolver and follows the answer with the npm graphql-ws
// client (graphql-transport-ws). graphql-transport-ws has no subscribe ack, so the subscription asks for
// replay from the start of the buffer: chunks published before the server registered it are not missed.
// Prints {"event":"mutation",...} with the mutation's response, then {"event":"chunk",...} per chunk until done.
// Usage: node chat-graphql-ws.mjs <graphql url> <ws url> <api key> <mutation field> <conversation> <question>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [graphqlUrl, wsUrl, apiKey, field, conversationId, question] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const client = createClient({
  url: wsUrl, webSocketImpl: WebSocket, connectionParams: { 'x-api-key': apiKey }, retryAttempts: 0,
});
client.subscribe(
  {
    query: 'subscription C($c: ID!) { onChunk(conversationId: $c) { conversationId seq text done } }',
    variables: { c: conversationId },
    extensions: { replay: { after: 0 } },
  },
  {
    next: (result) => {
      print({ event: 'chunk', chunk: result.data?.onChunk ?? null, seq: result.extensions?.seq ?? null,
        errors: result.errors ?? null });
      if (result.data?.onChunk?.done) {
        client.dispose();
      }
    },
    error: (error) => {
      print({ event: 'error', error: error instanceof Error ? error.message : error });
      process.exitCode = 1;
      client.dispose();
    },
    complete: () => {},
  },
);
const response = await fetch(graphqlUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
  body: JSON.stringify({
    query: `mutation A($c: ID!, $q: String!) { ${field}(conversationId: $c, question: $q) }`,
    variables: { c: conversationId, q: question },
  }),
});
print({ event: 'mutation', status: response.status, body: await response.json() });
