/**
 * What every command shares when it reports: the tool's version, and the one
 * line of an internal error (its stack trace only with --debug or
 * ORDINANCE_DEBUG=1).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Failure } from '../report/failure.js';

/** Whether internal errors show their stack trace: --debug, or ORDINANCE_DEBUG set. */
export const reporting = { debug: false, doing: 'checking' };

/** One line for an internal error (`ordinance --help` says how to see more), and its stack trace when debugging; a failure of the environment is its own line. */
export function reportInternal(what: string, failure: Failure): void {
  process.stderr.write(failure.environment ? `ordinance: ${failure.message}\n` : `ordinance: internal error${what}: ${failure.message}\n`);
  if (reporting.debug) process.stderr.write(`${failure.stack ?? ''}\n`);
}

/** The tool's package.json: its version, and its homepage when it has one. */
function packageJson(): { version: string; homepage?: string } {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')) as { version: string; homepage?: string };
}

/** The tool's version, from its package.json. */
export function packageVersion(): string {
  return packageJson().version;
}

/** The tool's homepage, from its package.json (the base of the docs pages' URLs); undefined when it has none. */
export function packageHomepage(): string | undefined {
  const { homepage } = packageJson();
  return typeof homepage === 'string' && homepage.trim() ? homepage.trim() : undefined;
}
