// Prints one JSON line per npm test client with the version node_modules holds: {"name":...,"version":...}.
import { readFileSync } from 'node:fs';

for (const name of ['graphql-ws', 'ws', 'graphql', '@apollo/client', 'aws-appsync-subscription-link',
  'playwright-core']) {
  const { version } = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url)));
  process.stdout.write(JSON.stringify({ name, version }) + '\n');
}
