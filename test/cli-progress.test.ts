/**
 * Progress on long runs: a bar with counts and time left on a terminal,
 * cleared at the end; nothing at all when the output is not a terminal or
 * with --quiet.
 */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { barLine, progressBar } from '../pipeline/cli/progress-bar.js';
import { progressed } from '../pipeline/report/progress.js';
import { BIN, runCli, workspace } from './helpers.js';

/** A terminal that keeps what is written to it. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) };
}

describe('barLine', () => {
  it('shows the bar, the counts and the time left at the pace so far', () => {
    expect(barLine('checking', 12, 38, 'ordinances', 30_000, 80)).toBe('checking [============>                           ] 12/38 ordinances, 1:05 left');
    expect(barLine('importing', 0, 300, 'sections', 0, 80)).toBe('importing [>                                       ] 0/300 sections');
    expect(barLine('building', 38, 38, 'ordinances', 90_000, 80)).toBe('building [========================================] 38/38 ordinances');
  });

  it('fits a narrow terminal', () => {
    expect(barLine('checking', 1, 4, 'ordinances', 60_000, 50).length).toBeLessThan(50);
  });
});

describe('progressBar', () => {
  it('draws on a terminal as the run reports its units, at most ten times a second, and clears itself', () => {
    const tty = terminal(true);
    let now = 0;
    const bar = progressBar('checking', 3, 'folder', { quiet: false, noun: 'ordinances', terminal: tty, now: () => now });
    now = 2_000;
    progressed('folder');
    // Another kind of unit is not counted; a second unit within 100 ms is not drawn.
    progressed('section');
    now = 2_050;
    progressed('folder');
    now = 3_000;
    progressed('folder');
    bar.stop();
    expect(tty.written).toEqual([
      '\r\x1b[Kchecking [>                                       ] 0/3 ordinances',
      '\r\x1b[Kchecking [=============>                          ] 1/3 ordinances, 0:04 left',
      '\r\x1b[Kchecking [========================================] 3/3 ordinances',
      '\r\x1b[K',
    ]);
    // Stopped: nothing more is drawn.
    progressed('folder');
    expect(tty.written).toHaveLength(4);
  });

  it('draws nothing when the output is not a terminal, with --quiet, or for a single unit', () => {
    for (const [tty, quiet, total] of [
      [false, false, 10],
      [true, true, 10],
      [true, false, 1],
    ] as const) {
      const out = terminal(tty);
      const bar = progressBar('checking', total, 'folder', { quiet, noun: 'ordinances', terminal: out });
      progressed('folder');
      bar.stop();
      expect(out.written).toEqual([]);
    }
  });
});

describe('ordinance check on a terminal', () => {
  /** Run the CLI on a pseudo-terminal (util-linux `script`), as a drafter at a terminal does. */
  const onTerminal = (args: string[], cwd: string) =>
    execFileSync('script', ['-qfec', [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { cwd, encoding: 'utf8' });

  const twoOrdinances = () => {
    const dir = workspace();
    cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', 'second'), { recursive: true });
    return dir;
  };

  it('shows the bar with its counts, then clears it', () => {
    const output = onTerminal(['check', 'ordinance'], twoOrdinances());
    expect(output).toContain('\r\x1b[Kchecking [>');
    expect(output).toContain('] 2/2 ordinances');
    expect(output.endsWith('\r\x1b[K')).toBe(true);
  });

  it('shows nothing with --quiet, nor when its output is not a terminal', () => {
    const dir = twoOrdinances();
    expect(onTerminal(['check', 'ordinance', '--quiet'], dir)).toBe('');
    expect(runCli(['check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
