// Discovers the served GraphQL APIs with the real AWS SDK for JavaScript v3 (@aws-sdk/client-appsync) on the
// platform's main port, and prints one JSON line per call's answer.
// Usage: node appsync-discovery.mjs <endpoint> <api id>
import { AppSyncClient, GetGraphqlApiCommand, GetIntrospectionSchemaCommand, ListApiKeysCommand,
  ListGraphqlApisCommand } from '@aws-sdk/client-appsync';

const [endpoint, apiId] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const client = new AppSyncClient({ endpoint, region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });

print({ call: 'ListGraphqlApis', answer: (await client.send(new ListGraphqlApisCommand({}))).graphqlApis });
print({ call: 'GetGraphqlApi', answer: (await client.send(new GetGraphqlApiCommand({ apiId }))).graphqlApi });
print({ call: 'ListApiKeys', answer: (await client.send(new ListApiKeysCommand({ apiId }))).apiKeys });
const schema = await client.send(new GetIntrospectionSchemaCommand({ apiId, format: 'SDL' }));
print({ call: 'GetIntrospectionSchema', answer: new TextDecoder().decode(schema.schema) });
try {
  await client.send(new GetGraphqlApiCommand({ apiId: 'nosuchapi' }));
  print({ call: 'GetGraphqlApi unknown', answer: 'found' });
} catch (e) {
  print({ call: 'GetGraphqlApi unknown', error: e.name, message: e.message });
}
