// Write the published JSON Schemas (ordinance.config.schema.json, templates/schemas/*.json)
// from the TypeBox schemas the pipeline checks with. Run after `npm run compile`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publishedSchemas } from '../lib/cli/published-schemas.js';
import { rules } from '../lib/validate/rules/index.js';

for (const [file, text] of Object.entries(publishedSchemas(rules))) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stderr.write(`wrote ${file}\n`);
}
