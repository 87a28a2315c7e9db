// The JSON-LD document loader every JavaScript peer uses: contexts only from the project's offline cache
// (schemas/contexts/index.json maps URL -> file), a URL with a fragment resolves without it, and any other
// URL is an error — the peers never fetch from the network, as the hub never does.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const contextDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'contexts');
const index = JSON.parse(readFileSync(join(contextDir, 'index.json'), 'utf8'));
const contexts = new Map(Object.entries(index).map(([url, file]) => [url, JSON.parse(readFileSync(join(contextDir, file), 'utf8'))]));

export async function documentLoader(url) {
  const document = contexts.get(url) ?? contexts.get(url.split('#')[0]);
  if (!document) throw new Error(`context not in the offline cache: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}
