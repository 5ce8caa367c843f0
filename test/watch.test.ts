/**
 * `ordinance watch`: a file written in the test is re-checked and reported,
 * only what changed (the finding that appeared, then the same finding
 * fixed), a new folder's files included; Ctrl-C ends it with exit 0.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findingsDelta } from '../pipeline/watch/findings-delta.js';
import { isPreviewHost, type PreviewServer, requestedFile, startPreview } from '../pipeline/watch/preview-server.js';
import type { Diagnostic } from '../pipeline/report/diagnostics.js';
import { BIN, sampleCopy, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

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

/** GET `target` from the server at `port` exactly as written (no URL normalising), with this Host header (none when null): status and body. */
function rawGet(port: number, target: string, host: string | null = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, setHost: false, headers: host === null ? {} : { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the preview server', () => {
  let server: PreviewServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers a malformed path with 400 and goes on serving', async () => {
    const outDir = tempDir();
    mkdirSync(path.join(outDir, 'a'));
    writeFileSync(path.join(outDir, 'a/summary.md'), 'Summary.\n');
    server = await startPreview(outDir, 0);
    const port = Number(new URL(server.url).port);
    for (const bad of ['/files/%c0', '/files/%ff', '/files/%', '/files/%00', '/files/a%2fsummary.md%00.pdf']) {
      const answer = await rawGet(port, bad);
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
      expect(answer.body).toMatch(/^bad request: the path has malformed percent-encoding or a NUL byte/);
    }
    // A file under a file, or a name too long for the system: not found, not a crash.
    expect((await rawGet(port, '/files/a/summary.md/x')).status).toBe(404);
    expect((await rawGet(port, `/files/${'x'.repeat(5000)}`)).status).toBe(404);
    expect(await rawGet(port, '/files/a/summary.md')).toEqual({ status: 200, body: 'Summary.\n' });
    expect((await rawGet(port, '/')).status).toBe(200);
  });

  it('refuses a request whose Host is not this server (DNS rebinding) with 403', async () => {
    server = await startPreview(tempDir(), 0);
    const port = Number(new URL(server.url).port);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect((await rawGet(port, '/', host)).status).toBe(200);
    for (const host of [`attacker.example:${port}`, 'localhost', `localhost:${port + 1}`, `127.0.0.1.attacker.example:${port}`]) {
      const answer = await rawGet(port, '/', host);
      expect({ host, status: answer.status }).toEqual({ host, status: 403 });
    }
    // No Host at all: Node's parser refuses the HTTP/1.1 request before the preview sees it.
    expect((await rawGet(port, '/', null)).status).toBe(400);
    expect((await rawGet(port, '/files/x', 'attacker.example')).body).toMatch(/^forbidden: the preview answers only requests addressed to localhost/);
  });

  it('reads a path and a Host as the server does', () => {
    expect(requestedFile('a/b%20c.pdf')).toBe('a/b c.pdf');
    expect(requestedFile('%E2%82')).toBeUndefined();
    expect(requestedFile('a%00')).toBeUndefined();
    expect(isPreviewHost(undefined, 80)).toBe(false);
    expect(isPreviewHost('[::1]:80', 80)).toBe(true);
  });
});

describe('ordinance watch --serve: its temporary folder', () => {
  it('is removed, and the reason is one line, when the port is in use', async () => {
    const dir = sampleCopy(['la-sanctuary-city']);
    const tmp = tempDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runMain(['watch', '--serve', '--port', String(port)], dir, { TMPDIR: tmp });
      expect(result.stderr).toBe(`ordinance: cannot serve the preview: port ${port} is in use (EADDRINUSE); choose another with --port, or leave --port out for any free one\n`);
      expect(result.code).toBe(2);
    } finally {
      blocker.close();
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('is removed, and the server closed, when the first check fails', async () => {
    const dir = sampleCopy(['la-sanctuary-city']);
    writeFileSync(path.join(dir, 'ordinance.config.json'), '{"rules": {"no-such-rule": "error"}}\n');
    const tmp = tempDir();
    const result = await runMain(['watch', '--serve'], dir, { TMPDIR: tmp });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ordinance\.config\.json:\d+:\d+: .*no-such-rule/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('is removed on SIGTERM', async () => {
    const dir = sampleCopy(['la-sanctuary-city']);
    const tmp = tempDir();
    running = new Watch(spawn(process.execPath, [BIN, 'watch', '--serve'], { cwd: dir, env: { ...process.env, TMPDIR: tmp } }));
    const watch = running;
    await watch.until('stderr', /watching ordinance\/ \(Ctrl-C to stop\)$/m);
    expect(readdirSync(tmp)).toHaveLength(1);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);
});

describe('findingsDelta', () => {
  const finding = (line: number, message: string): Diagnostic => ({ file: 'a.md', line, column: 1, severity: 'error', message, ruleId: 'r' });

  it('keeps a finding that moved with the text above it, and counts repeated findings one by one', () => {
    const before = [finding(3, 'x'), finding(5, 'y'), finding(6, 'y')];
    const after = [finding(4, 'x'), finding(6, 'y'), finding(9, 'z')];
    expect(findingsDelta(before, after)).toEqual({ added: [finding(9, 'z')], resolved: [finding(6, 'y')] });
  });
});
