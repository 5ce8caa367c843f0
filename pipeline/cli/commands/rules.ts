/** `ordinance rules`: list the validation rules and the checks of the source format. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../../validate/rules/index.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage: ordinance rules

List the validation rules (id, default severity, what each checks), then the
checks of the source format, which are always on.

Options:
${COMMON_USAGE}
`;

/** The source-format checks, from their docs pages: id and one line. */
function formatChecks(): [string, string][] {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/validate/diagnostics');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => [n.slice(0, -3), readFileSync(path.join(dir, n), 'utf8').split('\n')[2] ?? '']);
}

/** Run `ordinance rules`; returns the exit code. */
export async function runRules(argv: string[]): Promise<number> {
  if (!parseCommand({ name: 'rules', usage: USAGE, options: {}, positionals: false }, argv)) return 0;
  for (const rule of rules) process.stdout.write(`${rule.id.padEnd(26)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}\n`);
  process.stdout.write('\nChecks of the source format (always on; docs in docs/reference/checks/):\n');
  for (const [id, line] of formatChecks()) process.stdout.write(`${id.padEnd(26)} ${line}\n`);
  return 0;
}
