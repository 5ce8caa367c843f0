/** `ordinance watch [paths...]`: check on every save, printing only the findings that changed. */
import { formatCompact } from '../format.js';
import { COMMON_USAGE, parseCommand } from '../options.js';
import { checkTemplates } from '../../template/load.js';
import { watchSources, type WatchRound } from '../../watch/watch-sources.js';

const USAGE = `Usage: ordinance watch [paths...] [options]

Check the sources (default path: ordinance/), then check them again each time
a file below them is saved, and print only what changed: the findings that
appeared (as check prints them) and those that went away ("fixed: ..."),
then the count. Stop with Ctrl-C.

Options:
  --config <file>     project configuration (default: ordinance.config.json
                      in the sources' folder or the nearest above it)
${COMMON_USAGE}
`;

const WATCH_OPTIONS = {
  config: { type: 'string' },
} as const;

/** The count line after each check. */
function counts(round: WatchRound): string {
  const errors = round.findings.filter((d) => d.severity === 'error').length;
  const warnings = round.findings.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Run `ordinance watch` until interrupted; returns the exit code. */
export async function runWatch(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'watch', usage: USAGE, options: WATCH_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  checkTemplates();
  const paths = parsed.positionals;
  const watching = await watchSources(paths, {
    config: parsed.values.config,
    onRound(round) {
      const { added, resolved } = round.delta;
      if (round.changed.length) process.stderr.write(`saved ${round.changed.join(', ')}\n`);
      const lines = [...resolved.map((d) => `fixed: ${formatCompact([d])}`), ...(added.length ? [formatCompact(added)] : [])];
      if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
      else if (round.changed.length) process.stderr.write('no change in the findings\n');
      process.stderr.write(`${counts(round)}${round.changed.length ? '' : `; watching ${paths.join(', ') || 'ordinance/'} (Ctrl-C to stop)`}\n`);
    },
    onError(error) {
      process.stderr.write(`ordinance: ${(error as Error).message ?? String(error)}\n`);
    },
  });
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        watching.stop();
        resolve(0);
      });
  });
}
