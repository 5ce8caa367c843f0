/** `ordinance watch [paths...] [--serve]`: check on every save, printing only the findings that changed; with --serve, a live preview on localhost. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../../report/failure.js';
import { type PreviewServer, startPreview } from '../../watch/preview-server.js';
import { formatCompact } from '../format.js';
import { COMMON_USAGE, parseCommand, wholeNumberOption } from '../options.js';
import { checkTemplates } from '../../load/templates.js';
import { type SourceWatch, watchSources, type WatchRound } from '../../watch/watch-sources.js';
import { rules } from '../../validate/rules/index.js';

const USAGE = `Usage: ordinance watch [paths...] [--serve [--port <n>]] [options]

Check the sources (default path: ordinance/), then check them again each time
a file below them is saved, and print only what changed: the findings that
appeared (as check prints them) and those that went away ("fixed: ..."),
then the count. Stop with Ctrl-C.

Options:
  --serve             also build on every save and serve a live preview on
                      localhost (each ordinance's PDF and the findings), which
                      reloads in the browser after every check
  --port <n>          the preview's port (default: any free one; the address is printed)
  --config <file>     project configuration (default: ordinance.config.json
                      in the sources' folder or the nearest above it)
${COMMON_USAGE}
`;

const WATCH_OPTIONS = {
  config: { type: 'string' },
  serve: { type: 'boolean' },
  port: { type: 'string' },
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
  checkTemplates(rules);
  const paths = parsed.positionals;
  const port = wholeNumberOption('port', parsed.values.port) ?? 0;
  if (parsed.values.port !== undefined && !parsed.values.serve) throw new UsageError('--port goes with --serve');
  // The preview's builds go to a folder of its own, removed when the watch ends however it ends: a signal, a failed start, or an exit on an error.
  const outDir = parsed.values.serve ? mkdtempSync(path.join(tmpdir(), 'ordinance-preview-')) : undefined;
  const removeOutDir = () => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  };
  process.once('exit', removeOutDir);
  let preview: PreviewServer | undefined;
  let watching: SourceWatch | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    watching?.stop();
    await preview?.close();
    removeOutDir();
    process.off('exit', removeOutDir);
  };
  // Ctrl-C or SIGTERM from the first moment, while the preview starts too: the watch ends and its folder goes.
  let ended!: (code: number) => void;
  const done = new Promise<number>((resolve) => {
    ended = resolve;
  });
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = () => {
    for (const signal of signals) process.off(signal, onSignal);
    void stop().then(() => ended(0));
  };
  for (const signal of signals) process.once(signal, onSignal);
  try {
    preview = outDir === undefined ? undefined : await startPreview(outDir, port);
    if (stopping) {
      await preview?.close();
      return done;
    }
    if (preview) process.stderr.write(`preview at ${preview.url} (building...)\n`);
    const shown = preview;
    watching = await watchSources(paths, {
      config: parsed.values.config,
      outDir,
      onRound(round) {
        shown?.update({ ordinances: round.built, findings: round.findings });
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
    // Stopped while the first check ran: what started is stopped too.
    if (stopping) await stop();
  } catch (error) {
    for (const signal of signals) process.off(signal, onSignal);
    await stop();
    throw error;
  }
  return done;
}
