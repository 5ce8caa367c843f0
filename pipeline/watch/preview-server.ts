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
import { EnvironmentError, systemReason } from '../report/failure.js';

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

/**
 * Whether a request's Host header names this server: a page of another site
 * that has its name point at 127.0.0.1 (DNS rebinding) sends its own name,
 * and is refused.
 */
export function isPreviewHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return ['localhost', '127.0.0.1', '[::1]'].some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** The file a `/files/...` path names, decoded; undefined when its percent-encoding is malformed or it holds a NUL. */
export function requestedFile(encoded: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // A URIError: `%` not followed by two hex digits, or bytes that are not UTF-8 (`%c0`, `%ff`).
    return undefined;
  }
  return decoded.includes('\0') ? undefined : decoded;
}

/** Whether `file` is a file; a path that cannot be one (a name too long, a file as a folder) is not. */
function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** Why the preview could not listen on `port`, in the user's terms. */
function listenError(error: NodeJS.ErrnoException, port: number): EnvironmentError {
  if (error.code === 'EADDRINUSE')
    return new EnvironmentError(`cannot serve the preview: port ${port} is in use (EADDRINUSE); choose another with --port, or leave --port out for any free one`);
  if (error.code === 'EACCES') return new EnvironmentError(`cannot serve the preview: port ${port} needs privileges this process does not have (EACCES); choose a port above 1023`);
  return new EnvironmentError(`cannot serve the preview on port ${port} (${systemReason(error)})`);
}

/** Serve the preview of `outDir` on localhost (`port` 0: any free port). */
export async function startPreview(outDir: string, port: number): Promise<PreviewServer> {
  let state: PreviewState = { ordinances: [], findings: [] };
  const listeners = new Set<ServerResponse>();
  const refuse = (response: ServerResponse, status: number, reason: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${reason}\n`);
  };
  const server: Server = createServer((request, response) => {
    if (!isPreviewHost(request.headers.host, (server.address() as AddressInfo).port)) {
      refuse(response, 403, 'forbidden: the preview answers only requests addressed to localhost, 127.0.0.1 or [::1] on its port');
      return;
    }
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
      const name = requestedFile(url.pathname.slice('/files/'.length));
      if (name === undefined) {
        refuse(response, 400, 'bad request: the path has malformed percent-encoding or a NUL byte');
        return;
      }
      const file = path.resolve(outDir, name);
      const inside = file.startsWith(`${path.resolve(outDir)}${path.sep}`);
      if (!inside || !isFile(file)) {
        refuse(response, 404, 'not found');
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      // A file removed by the next build between the look and the read ends this response, not the server.
      createReadStream(file)
        .on('error', () => response.destroy())
        .pipe(response);
    } else {
      refuse(response, 404, 'not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port)));
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A page still loading a PDF would hold the server open: its connection is cut.
      server.closeAllConnections();
      return closed;
    },
  };
}
