// Bundle the CLI into a few files so start-up does not pay for resolving
// hundreds of small ES modules (about 200 ms of a 400 ms `check`).
// pdfkit stays external: it reads its own data files next to itself, and only
// `build` loads it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear the old ones so they do not pile up.
rmSync('lib/bin', { recursive: true, force: true });

await build({
  entryPoints: { main: 'pipeline/cli/main.ts', worker: 'pipeline/runner/worker.ts' },
  outdir: 'lib/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['pdfkit'],
  // jsonc-parser's main entry is UMD, whose relative requires esbuild cannot follow; its ES module build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
