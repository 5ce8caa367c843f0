// The language server's speed, as a drafter feels it (issue 30): from a
// keystroke (a didChange) to the findings published for it, and hover and
// completion, each the median and the 90th percentile of many; the server's
// peak memory. Against, in the same run, `ordinance check` of the same folder
// as a process (what a drafter without the server runs after each save).
//
//   node bench/lsp.mjs <ordinance-folder> <section-file> [--rounds 30]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
