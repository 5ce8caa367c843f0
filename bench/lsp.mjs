// The language server's speed, as a drafter feels it (issue 30): from a
// keystroke (a didChange) to the findings published for it, and hover and
// completion, each the median and the 90th percentile of many; the server's
// peak memory. Against, in the same run, `ordinance check` of the same folder
// as a process (what a drafter without the server runs after each save).
//
//   node bench/lsp.mjs <ordinance-folder> <section-file> [--rounds 30]
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'ordinance.js');

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** The server's figures on `folder`, keystrokes typed into `file`. */
export async function measureLanguageServer(folder, file, rounds = 30) {
  const workspace = path.dirname(path.dirname(path.resolve(folder)));
  const server = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: workspace });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  let published = null;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri === uri && published) published(params);
  });
  connection.listen();
  const uri = pathToFileURL(path.resolve(file)).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
  connection.sendNotification('initialized', {});
  const text = readFileSync(file, 'utf8');
  const next = () => new Promise((resolve) => (published = resolve));
  let started = performance.now();
  let arrived = next();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await arrived;
  const open = performance.now() - started;
  // Keystrokes at the end of the text, one at a time, each waited for.
  const keystrokes = [];
  let typed = text;
  for (let i = 0; i < rounds; i++) {
    typed += i % 2 ? ' ' : 'x';
    arrived = next();
    started = performance.now();
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: typed }] });
    await arrived;
    keystrokes.push(performance.now() - started);
  }
  const timed = async (method, params) => {
    const times = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await connection.sendRequest(method, params);
      times.push(performance.now() - t);
    }
    return times;
  };
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /:cite|:ref/.test(l));
  const character = Math.max(0, lines[line]?.search(/:cite|:ref/) ?? 0) + 2;
  const hovers = await timed('textDocument/hover', { textDocument: { uri }, position: { line: Math.max(0, line), character } });
  const completions = await timed('textDocument/completion', { textDocument: { uri }, position: { line: Math.max(0, line), character } });
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const peakMiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  // The peer: a check of the same folder as its own process, as after each save without the server.
  const checks = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [BIN, 'check', path.relative(workspace, folder)], { cwd: workspace });
    checks.push(performance.now() - t);
  }
  return {
    folder,
    file,
    rounds,
    openMs: open,
    keystrokeMs: { median: quantile(keystrokes, 0.5), p90: quantile(keystrokes, 0.9) },
    hoverMs: { median: quantile(hovers, 0.5), p90: quantile(hovers, 0.9) },
    completionMs: { median: quantile(completions, 0.5), p90: quantile(completions, 0.9) },
    serverPeakMiB: peakMiB,
    checkProcessMs: quantile(checks, 0.5),
  };
}

/**
 * The server's memory with every title of a code open: one section of each
 * folder opened in turn, each waited for until its findings are published;
 * the server's peak memory (VmHWM) at the end, and how long the last open took.
 */
export async function measureWorkspaceMemory(folders) {
  const workspace = path.dirname(path.dirname(path.resolve(folders[0])));
  const server = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: workspace });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => waiting.get(params.uri)?.());
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
  connection.sendNotification('initialized', {});
  const started = performance.now();
  for (const folder of folders) {
    const file = firstSection(folder);
    if (!file) continue;
    const uri = pathToFileURL(file).href;
    const published = new Promise((resolve) => waiting.set(uri, resolve));
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } });
    await published;
  }
  const seconds = (performance.now() - started) / 1000;
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const peakMiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  const nowMiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  return { folders: folders.length, seconds, peakMiB, nowMiB };
}

/** The first section file below `folder` (depth first, in name order). */
function firstSection(folder) {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const found = firstSection(full);
      if (found) return found;
    } else if (entry.name.endsWith('.md') && !['code.md', 'ordinance.md', 'group.md'].includes(entry.name)) return full;
  }
  return null;
}

/** The figures as a table. */
export function languageServerTable(results) {
  const row = (r) =>
    `| ${path.basename(r.folder)} | ${r.openMs.toFixed(0)} | ${r.keystrokeMs.median.toFixed(0)} / ${r.keystrokeMs.p90.toFixed(0)} | ${r.hoverMs.median.toFixed(1)} | ${r.completionMs.median.toFixed(1)} | ${r.serverPeakMiB.toFixed(0)} | ${r.checkProcessMs.toFixed(0)} | ${(r.checkProcessMs / r.keystrokeMs.median).toFixed(1)}× |`;
  return [
    '| folder | open → findings (ms) | keystroke → findings, median / p90 (ms) | hover (ms) | completion (ms) | server peak (MiB) | `check` as a process (ms) | server vs process |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(row),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--workspace') {
  const code = path.resolve(process.argv[3]);
  const folders = readdirSync(code, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'directives' && !e.name.startsWith('.'))
    .map((e) => path.join(code, e.name))
    .sort();
  console.log(JSON.stringify(await measureWorkspaceMemory(folders)));
  process.exit(0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [folder, file] = process.argv.slice(2);
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 30;
  if (!folder || !file) {
    console.error('usage: node bench/lsp.mjs <ordinance-folder> <section-file> [--rounds 30]');
    process.exit(2);
  }
  const result = await measureLanguageServer(folder, file, rounds);
  console.log(languageServerTable([result]));
  console.log(JSON.stringify(result));
}
