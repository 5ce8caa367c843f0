/**
 * A progress bar for long runs on a terminal: counts and time left, redrawn
 * in place at most ten times a second, cleared at the end. Nothing at all
 * when the output is not a terminal (CI logs, pipes) or with --quiet.
 */
import { onProgress, type ProgressUnit } from '../report/progress.js';

/** Where the bar draws, and its clock (a test passes its own). */
export interface BarTerminal {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  /** Clear the bar and stop listening. */
  stop(): void;
}

/** "1:05" for 65 seconds; "12:00:00" past an hour. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** The bar's line: `checking [=======>      ] 12/38 titles, 0:42 left`, to fit `width` columns. */
export function barLine(label: string, done: number, total: number, noun: string, elapsedMs: number, width: number): string {
  const shown = Math.min(done, total);
  const left = shown > 0 && shown < total && elapsedMs >= 1000 ? `, ${clock(((elapsedMs / shown) * (total - shown)) / 1000)} left` : '';
  const counts = ` ${shown}/${total} ${noun}${left}`;
  const room = Math.max(10, Math.min(40, width - label.length - counts.length - 4));
  const filled = total > 0 ? Math.floor((room * shown) / total) : 0;
  const bar = filled >= room ? '='.repeat(room) : `${'='.repeat(filled)}>${' '.repeat(room - filled - 1)}`;
  return `${label} [${bar}]${counts}`.slice(0, Math.max(0, width - 1));
}

/**
 * Draw a bar for `count` units of `unit` on `terminal` (default stderr) as
 * the run reports them; a bar that draws nothing when the terminal is not a
 * TTY, `quiet` is set, or there is only one unit.
 */
export function progressBar(
  label: string,
  count: number | (() => number),
  unit: ProgressUnit,
  options: { quiet: boolean; noun: string; terminal?: BarTerminal; now?: () => number },
): ProgressBar {
  const terminal = options.terminal ?? process.stderr;
  if (options.quiet || !terminal.isTTY) return { stop() {} };
  // Counting may cost a walk of the inputs: only done for a bar that shows.
  const total = typeof count === 'number' ? count : count();
  if (total <= 1) return { stop() {} };
  const now = options.now ?? (() => performance.now());
  const started = now();
  let done = 0;
  let drawn = -Infinity;
  const draw = () => {
    drawn = now();
    terminal.write(`\r\x1b[K${barLine(label, done, total, options.noun, drawn - started, terminal.columns || 80)}`);
  };
  onProgress((reported) => {
    if (reported !== unit) return;
    done++;
    if (now() - drawn >= 100 || done === total) draw();
  });
  draw();
  return {
    stop() {
      onProgress(null);
      terminal.write('\r\x1b[K');
    },
  };
}
