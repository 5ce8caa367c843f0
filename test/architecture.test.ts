/**
 * docs/architecture.md is the architecture: its table of stages names each
 * stage's module and function, called by the runner's chain in the table's
 * order; its table of layers is the order `.dependency-cruiser.cjs` enforces
 * in lint; and the functional core does no I/O, not even through what it
 * imports, while the caches call no stage. This keeps the three in step.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PIPELINE = path.join(ROOT, 'pipeline');
const ARCHITECTURE = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as { LAYERS: string[]; CORE: string[] };

/** The part of the architecture page under `heading`, to the next heading of its level. */
function part(heading: string): string {
  const start = ARCHITECTURE.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/architecture.md has a part "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = ARCHITECTURE.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return end < 0 ? rest : rest.slice(0, end);
}

interface Stage {
  name: string;
  module: string;
  fn: string;
}

/** The rows of the stage table: | stage | `module` | `function` | takes → gives |. */
function stagesInDocs(): Stage[] {
  return [...part('The chain').matchAll(/^\| ([a-z]+) \| `([a-z/-]+\.ts)` \| `([A-Za-z]+)` \|/gm)].map((m) => ({ name: m[1]!, module: m[2]!, fn: m[3]! }));
}

/** The body of a top-level function of `source`, from its signature to the next top-level declaration. */
function bodyOf(source: string, name: string): string {
  const start = source.search(new RegExp(`^(export )?(async )?function ${name}\\b`, 'm'));
  expect(start, `defines ${name}`).toBeGreaterThanOrEqual(0);
  const rest = source.slice(start + 1);
  const end = rest.search(/^(export |async function |function |const |let |class |interface |type |\/\*\*)/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Every TypeScript module below `dir`, relative to pipeline/. */
function modulesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...modulesBelow(full));
    else if (name.endsWith('.ts')) out.push(path.relative(PIPELINE, full));
  }
  return out.sort();
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** A module's imports: static (`import type` marked) and dynamic. */
function importsOf(module: string): Import[] {
  const source = readFileSync(path.join(PIPELINE, module), 'utf8');
  const found: Import[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm)) found.push({ spec: m[2]!, typeOnly: Boolean(m[1]) });
  for (const m of source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

/** The module a relative import names, relative to pipeline/ (null for a package or node's own). */
function target(module: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.normalize(path.join(path.dirname(module), spec.replace(/\.js$/, '.ts')));
}

const MODULES = modulesBelow(PIPELINE);
const IO = /^(node:)?(fs|fs\/promises|child_process|worker_threads)$/;

describe('the stages', () => {
  const stages = stagesInDocs();
  const runner = (file: string) => readFileSync(path.join(PIPELINE, 'runner', file), 'utf8');

  it('are listed in docs/architecture.md, from load to the index', () => {
    expect(stages.map((s) => s.name)).toEqual(['load', 'parse', 'model', 'resolve', 'amend', 'validate', 'render', 'summarize', 'publish', 'index']);
  });

  it.each(stagesInDocs().map((s) => [s.name, s] as const))('%s is a module that exports its function', async (_, stage) => {
    const module = (await import(path.join(PIPELINE, stage.module))) as Record<string, unknown>;
    expect(typeof module[stage.fn], `${stage.module} exports ${stage.fn}`).toBe('function');
  });

  it("run per ordinance in the table's order, the index once per run", () => {
    const pipeline = runner('pipeline.ts');
    // Parse and model run together, one way: modelSources calls them in that order.
    const modelSources = bodyOf(readFileSync(path.join(PIPELINE, 'analyze', 'parse-ordinance.ts'), 'utf8'), 'modelSources');
    expect(modelSources.indexOf('parseOrdinance(')).toBeGreaterThanOrEqual(0);
    expect(modelSources.indexOf('modelOrdinance(')).toBeGreaterThan(modelSources.indexOf('parseOrdinance('));
    // The chain: compileOrdinance, then its output half.
    const chain = bodyOf(pipeline, 'compileOrdinance') + bodyOf(pipeline, 'buildOrdinance');
    const calls = stages.filter((s) => !['load', 'parse', 'model', 'index'].includes(s.name)).map((s) => ({ stage: s.name, at: chain.indexOf(`${s.fn}(`) }));
    calls.unshift({ stage: 'parse and model', at: chain.indexOf('modelSources(') });
    for (const call of calls) expect(call.at, `compileOrdinance calls the ${call.stage} stage`).toBeGreaterThanOrEqual(0);
    expect(calls.map((c) => c.stage)).toEqual([...calls].sort((a, b) => a.at - b.at).map((c) => c.stage));
    // Loading is the runner's, around the chain; the index once per run.
    expect(bodyOf(runner('folder.ts'), 'compileFolder')).toContain('loadOrdinanceSources(');
    expect(bodyOf(runner('run.ts'), 'compileRun')).toContain(`${stages.find((s) => s.name === 'index')!.fn}(`);
  });

  it('finds the end of an async function (the pattern that once missed it)', () => {
    const source = 'async function a() {\n  one();\n}\n\nfunction b() {\n  two();\n}\n';
    expect(bodyOf(source, 'a')).toContain('one()');
    expect(bodyOf(source, 'a')).not.toContain('two()');
  });
});

describe('the caches the stages declare', () => {
  it('are the memos docs/architecture.md lists, each with the stage it wraps', async () => {
    const { MEMOS } = (await import(path.join(PIPELINE, 'runner', 'memos.ts'))) as { MEMOS: Record<string, { cache: string; stage: string; key: string }> };
    const documented = [...part('Caches').matchAll(/^\| ([a-z]+) \(`cache\/([a-z-]+)\.ts`\) \|/gm)].map((m) => [m[1]!, m[2]!]);
    expect(documented.map(([name]) => name)).toEqual(Object.values(MEMOS).map((m) => m.cache));
    for (const [name, file] of documented) expect(file).toBe(`${name}-cache`);
    for (const memo of Object.values(MEMOS)) expect(memo.stage.length * memo.key.length).toBeGreaterThan(0);
  });
});

describe('the layers', () => {
  it("are the lint configuration's order, as docs/architecture.md lists them", () => {
    const documented = [...part('Layers').matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
    expect(documented).toEqual(config.LAYERS);
  });

  it('hold every folder of pipeline/', () => {
    const folders = readdirSync(PIPELINE).filter((name) => statSync(path.join(PIPELINE, name)).isDirectory());
    expect(folders.filter((f) => !config.LAYERS.includes(f))).toEqual([]);
    expect(readdirSync(PIPELINE).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });

  it('run from the core to the shell: every core folder comes before every other', () => {
    const last = Math.max(...config.CORE.map((f) => config.LAYERS.indexOf(f)));
    const shell = config.LAYERS.filter((f) => !config.CORE.includes(f));
    expect(config.CORE.every((f) => config.LAYERS.includes(f))).toBe(true);
    expect(shell.filter((f) => config.LAYERS.indexOf(f) < last)).toEqual([]);
  });
});

describe('the functional core', () => {
  const core = MODULES.filter((m) => config.CORE.includes(m.split(path.sep)[0]!));

  it('has modules in every core folder', () => {
    for (const folder of config.CORE)
      expect(
        core.some((m) => m.startsWith(`${folder}${path.sep}`)),
        folder,
      ).toBe(true);
  });

  it.each(core.map((m) => [m]))('%s reaches no file, process or thread, through anything it imports', (module) => {
    const seen = new Set([module]);
    const queue = [[module]];
    while (queue.length > 0) {
      const trail = queue.shift()!;
      const here = trail[trail.length - 1]!;
      for (const { spec, typeOnly } of importsOf(here)) {
        if (typeOnly) continue;
        expect(IO.test(spec), `${trail.join(' → ')} imports ${spec}`).toBe(false);
        const next = target(here, spec);
        if (next && !seen.has(next) && MODULES.includes(next)) {
          seen.add(next);
          queue.push([...trail, next]);
        }
      }
    }
  });
});

describe('the caches', () => {
  // What a cache may call: its own files, the text and report helpers, the model's helpers, and the folder walker. Anything else is a stage or the runner.
  const mayCall = ['cache', 'text', 'report', 'model', 'load'];

  it.each(MODULES.filter((m) => m.startsWith(`cache${path.sep}`)).map((m) => [m]))('%s calls no stage (it may name the types of what it keeps)', (module) => {
    for (const { spec, typeOnly } of importsOf(module)) {
      const to = target(module, spec);
      if (!to || typeOnly) continue;
      const folder = to.split(path.sep)[0]!;
      expect(mayCall.includes(folder) && (folder !== 'load' || to === path.join('load', 'walk.ts')), `${module} imports ${spec}`).toBe(true);
    }
  });
});
