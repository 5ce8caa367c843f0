/**
 * `ordinance watch`: a file written in the test is re-checked and reported,
 * only what changed (the finding that appeared, then the same finding
 * fixed), a new folder's files included; Ctrl-C ends it with exit 0.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findingsDelta } from '../pipeline/watch/findings-delta.js';
import type { Diagnostic } from '../pipeline/report/diagnostics.js';
import { BIN, sampleCopy } from './helpers.js';

const SECTION = 'ordinance/la-sanctuary-city/04-prohibitions.md';
const UNKNOWN_REF = /^ordinance\/la-sanctuary-city\/04-prohibitions\.md:7:\d+: error § 4: Unknown section id `exemptions`, expected `exceptions`.* \[section-ref-resolves\]$/m;

/** The output of a running watch, read as it comes. */
class Watch {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    const heard = () => {
      for (const waiter of this.waiters.splice(0)) waiter();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      heard();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      heard();
    });
    this.exited = new Promise((resolve) => child.on('close', resolve));
  }

  /** Resolves once `stream` has printed `count` lines matching `pattern` (the test's own timeout bounds the wait). */
  async until(stream: 'stdout' | 'stderr', pattern: RegExp, count = 1): Promise<void> {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    while ((this[stream].match(global)?.length ?? 0) < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

let running: Watch | undefined;
afterEach((context) => {
  // What the watch printed, to see where a failed test stopped.
  if (context.task.result?.state === 'fail' && running) console.error(`stdout:\n${running.stdout}\nstderr:\n${running.stderr}`);
  running?.child.kill('SIGKILL');
});

describe('ordinance watch', () => {
  it('re-checks a file written in the test and prints only what changed', async () => {
    const dir = sampleCopy();
    running = new Watch(spawn(process.execPath, [BIN, 'watch'], { cwd: dir }));
    const watch = running;
    await watch.until('stderr', /^0 errors, 0 warnings; watching ordinance\/ \(Ctrl-C to stop\)$/m);
    expect(watch.stdout).toBe('');

    // A broken reference: the one finding, as check prints it.
    const file = path.join(dir, SECTION);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(':ref{to=exceptions}', ':ref{to=exemptions}'));
    // stdout and stderr are two pipes: each is waited for on its own.
    await watch.until('stdout', UNKNOWN_REF);
    await watch.until('stderr', /^1 error, 0 warnings$/m);
    expect(watch.stderr).toContain(`saved ${SECTION}\n`);
    expect(watch.stdout.trim().split('\n')).toHaveLength(1);

    // An edit elsewhere that changes no finding prints no finding.
    const severability = path.join(dir, 'ordinance/la-sanctuary-city/08-severability.md');
    writeFileSync(severability, `${readFileSync(severability, 'utf8')}\n`);
    await watch.until('stderr', /^no change in the findings$/m);
    expect(watch.stdout.trim().split('\n')).toHaveLength(1);

    // Fixed: the same finding, marked fixed.
    writeFileSync(file, good);
    await watch.until('stdout', /^fixed: /m);
    await watch.until('stderr', /^0 errors, 0 warnings$/m);
    expect(watch.stdout.trim().split('\n')).toHaveLength(2);
    expect(watch.stdout.trim().split('\n')[1]).toMatch(/^fixed: ordinance\/la-sanctuary-city\/04-prohibitions\.md:7:\d+: error § 4: Unknown section id `exemptions`/);

    // A new group folder, then a section in it.
    mkdirSync(path.join(dir, 'ordinance/la-sanctuary-city/11-more'));
    await watch.until('stderr', /^saved ordinance\/la-sanctuary-city\/11-more$/m);
    writeFileSync(path.join(dir, 'ordinance/la-sanctuary-city/11-more/01-extra.md'), '---\nid: extra\nheading: Extra\n---\nMore text.\n');
    await watch.until('stdout', /^ordinance\/la-sanctuary-city\/11-more\/01-extra\.md:\d+:\d+: error .*\[front-matter-schema\]$/m);

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
  }, 60_000);
});

describe('ordinance watch --serve', () => {
  it('serves the built PDF and the findings on localhost, and tells the page to reload after a save', async () => {
    const dir = sampleCopy();
    running = new Watch(spawn(process.execPath, [BIN, 'watch', '--serve', '--port', '0'], { cwd: dir }));
    const watch = running;
    await watch.until('stderr', /watching ordinance\/ \(Ctrl-C to stop\)$/m);
    const url = /^preview at (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(watch.stderr)![1]!;
    const index = await (await fetch(url)).text();
    expect(index).toContain('<iframe title="la-sanctuary-city" src="/files/la-sanctuary-city/la-sanctuary-city.pdf"></iframe>');
    expect(index).toContain('<p>No findings.</p>');
    const pdf = Buffer.from(await (await fetch(`${url}files/la-sanctuary-city/la-sanctuary-city.pdf`)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Only the preview's own files are served.
    expect((await fetch(`${url}files/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);

    // The page listens for reloads; a save sends one, and the page then shows the finding, its words as text.
    const events = (await fetch(`${url}events`)).body!.getReader();
    const file = path.join(dir, SECTION);
    writeFileSync(file, readFileSync(file, 'utf8').replace(':ref{to=exceptions}', ':ref{to="<b>x</b>"}'));
    let received = '';
    while (!received.includes('data: reload')) received += new TextDecoder().decode((await events.read()).value);
    await events.cancel();
    const after = await (await fetch(url)).text();
    expect(after).toMatch(/<li class="error">ordinance\/la-sanctuary-city\/04-prohibitions\.md:7:\d+: error § 4: Unknown section id `&#60;b&#62;x&#60;\/b&#62;`/);
    expect(after).not.toContain('<b>x</b>');

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
  }, 120_000);
});

describe('findingsDelta', () => {
  const finding = (line: number, message: string): Diagnostic => ({ file: 'a.md', line, column: 1, severity: 'error', message, ruleId: 'r' });

  it('keeps a finding that moved with the text above it, and counts repeated findings one by one', () => {
    const before = [finding(3, 'x'), finding(5, 'y'), finding(6, 'y')];
    const after = [finding(4, 'x'), finding(6, 'y'), finding(9, 'z')];
    expect(findingsDelta(before, after)).toEqual({ added: [finding(9, 'z')], resolved: [finding(6, 'y')] });
  });
});
