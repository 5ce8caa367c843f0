/**
 * The import rules of pipeline/, checked by `npm run lint` (dependency-cruiser):
 * no cycle between files, and the folders in layers, each importing only the
 * folders below it. docs/architecture.md says what each layer is for; a test
 * keeps its table and LAYERS in step.
 */
// Lowest first. A folder may import its own files and the folders before it, never one after it.
const LAYERS = [
  'text',
  'report',
  'schema',
  'model',
  'parse',
  'analyze',
  'grammar',
  'cite',
  'config',
  'template',
  'registry',
  'xref',
  'resolve',
  'dc-xml',
  'amend',
  'prose',
  'compare',
  'validate',
  'render',
  'summarize',
  'editor',
  'load',
  'outputs',
  'history',
  'cache',
  'import',
  'fmt',
  'site',
  'runner',
  'select',
  'readback',
  'watch',
  'lsp',
  'cli',
];

const folder = (name) => `^pipeline/${name}/`;

// The functional core: the stages and what they are made of. None reads a file, runs git or opens a cache;
// what a stage needs of the world the runner gathers and hands in (docs/architecture.md).
const CORE = ['text', 'report', 'schema', 'model', 'parse', 'analyze', 'grammar', 'cite', 'config', 'template', 'registry', 'xref', 'resolve', 'dc-xml', 'amend', 'prose', 'compare', 'validate', 'render', 'summarize', 'editor'];
// That a cache calls no stage (it may name the types of what it keeps), and that no stage reaches I/O through
// the modules it imports, test/architecture.test.ts checks: swc, which reads the sources here, does not mark
// type-only imports.

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file may not import itself through others.',
      from: { path: '^pipeline/' },
      to: { circular: true },
    },
    {
      name: 'no-unknown-folder',
      severity: 'error',
      comment: 'Every folder of pipeline/ has its place in LAYERS (and in docs/architecture.md).',
      from: { path: '^pipeline/', pathNot: `^pipeline/(${LAYERS.join('|')})/` },
      to: { path: '^pipeline/' },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment: 'A stage reads no file, runs no process and starts no thread: the runner does, and hands in what it found.',
      from: { path: `^pipeline/(${CORE.join('|')})/` },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|worker_threads)$' },
    },
    ...LAYERS.map((name, i) => ({
      name: `layer-${name}`,
      severity: 'error',
      comment: `${name}/ may import only the folders below it (${LAYERS.slice(0, i).join(', ') || 'none'}).`,
      from: { path: folder(name) },
      to: { path: `^pipeline/(${LAYERS.slice(i + 1).join('|')})/` },
    })).filter((rule) => !rule.to.path.endsWith('()/')),
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser: swc reads the sources, type-only imports included.
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    includeOnly: ["^pipeline/", "^(node:)?(fs|fs/promises|child_process|worker_threads)$"],
  },
};
// For the architecture test (dependency-cruiser rejects keys of its own config it does not know).
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
Object.defineProperty(module.exports, 'CORE', { value: CORE, enumerable: false });
