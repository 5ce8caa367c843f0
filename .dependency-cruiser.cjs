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
  'import',
  'amend',
  'prose',
  'compare',
  'validate',
  'render',
  'summarize',
  'load',
  'outputs',
  'history',
  'cache',
  'fmt',
  'site',
  'runner',
  'select',
  'readback',
  'watch',
  'cli',
];

const folder = (name) => `^pipeline/${name}/`;

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
      to: {},
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
    includeOnly: '^pipeline/',
  },
};
// For the architecture test (dependency-cruiser rejects keys of its own config it does not know).
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
