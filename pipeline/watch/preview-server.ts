/**
 * The live preview of `ordinance watch --serve`: a small HTTP server on
 * localhost showing each ordinance's built PDF and the current findings,
 * which reloads in the browser after every check (server-sent events).
 * Only files of the preview's own output folder are served.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Diagnostic } from '../report/diagnostics.js';

/** What the preview shows: the built ordinances (slug and their output files) and the findings. */
export interface PreviewState {
  ordinances: { slug: string; outputs: string[] }[];
  findings: Diagnostic[];
}

export interface PreviewServer {
  url: string;
  /** Show a new state and reload every open page. */
  update(state: PreviewState): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.md': 'text/plain; charset=utf-8', '.json': 'application/json', '.png': 'image/png' };

/** Text as HTML text: the sources' words are shown, never run. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page: findings first, then each ordinance's PDF. */
function page(state: PreviewState, outDir: string): string {
  const findings = state.findings.length
    ? `<ul>${state.findings.map((d) => `<li class="${escapeHtml(d.severity)}">${escapeHtml(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.where ? `${d.where}: ` : ''}${d.message} [${d.ruleId}]`)}</li>`).join('')}</ul>`
    : '<p>No findings.</p>';
  const ordinances = state.ordinances
    .map(({ slug, outputs }) => {
      const files = outputs.map((file) => path.relative(outDir, file).split(path.sep).join('/'));
      const pdf = files.find((f) => f === `${slug}/${slug}.pdf`);
      const links = files.map((f) => `<a href="/files/${encodeURI(f)}">${escapeHtml(path.posix.basename(f))}</a>`).join(' · ');
      return `<section><h2>${escapeHtml(slug)}</h2><p>${links}</p>${pdf ? `<iframe title="${escapeHtml(slug)}" src="/files/${encodeURI(pdf)}"></iframe>` : ''}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview</title>
<style>body{font-family:sans-serif;margin:1rem 2rem}iframe{width:100%;height:80vh;border:1px solid #999}.error{color:#a00}.warning{color:#850}</style>
</head><body>
<h1>Preview</h1>
<p>Reloads after every save.</p>
<h2>Findings</h2>
${findings}
${ordinances || '<p>Nothing built: fix the errors above.</p>'}
<script>new EventSource('/events').onmessage = () => location.reload();</script>
</body></html>
`;
}

/** Serve the preview of `outDir` on localhost (`port` 0: any free port). */
export async function startPreview(outDir: string, port: number): Promise<PreviewServer> {
  let state: PreviewState = { ordinances: [], findings: [] };
  const listeners = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page(state, outDir));
    } else if (url.pathname === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': watching\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
    } else if (url.pathname.startsWith('/files/')) {
      const file = path.resolve(outDir, decodeURIComponent(url.pathname.slice('/files/'.length)));
      const inside = file.startsWith(`${path.resolve(outDir)}${path.sep}`);
      if (!inside || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(response);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    update(next) {
      state = next;
      for (const listener of listeners) listener.write('data: reload\n\n');
    },
    close() {
      for (const listener of listeners) listener.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
