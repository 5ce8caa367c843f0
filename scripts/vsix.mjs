// `npm run vsix`: the VS Code extension (editors/vscode/) bundled with esbuild (the language
// client in, VS Code's own API left to the host) and packaged by @vscode/vsce into
// editors/vscode/out/ordinance-<version>.vsix. Nothing is published.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = path.join(ROOT, 'editors', 'vscode');
const { version } = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));

rmSync(path.join(EXTENSION, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(EXTENSION, 'src', 'extension.ts')],
  outfile: path.join(EXTENSION, 'dist', 'extension.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  logLevel: 'warning',
});
const out = path.join(EXTENSION, 'out', `ordinance-${version}.vsix`);
mkdirSync(path.dirname(out), { recursive: true });
// Bundled, so no dependencies to list; the repository carries no LICENSE file of its own (package.json says Apache-2.0).
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out], {
  cwd: EXTENSION,
  stdio: ['ignore', 'inherit', 'inherit'],
});
console.log(out);
