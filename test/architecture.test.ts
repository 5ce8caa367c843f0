/**
 * The README's table of stages is the architecture: each stage a module whose
 * export is the stage's function, called by pipeline/pipeline.ts in the order
 * the table gives. This keeps the three in step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Stage {
  name: string;
  module: string;
  fn: string;
}

/** The rows of the README's stage table: | stage | `module` | `function` | takes → gives |. */
function stagesInReadme(): Stage[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## How it is built'), readme.indexOf('## Tests'));
  return [...section.matchAll(/^\| ([a-z]+) \| `([a-z/-]+\.ts)` \| `([A-Za-z]+)` \|/gm)].map((m) => ({ name: m[1]!, module: m[2]!, fn: m[3]! }));
}

/** The body of a top-level function in `source`, from its signature to the next top-level declaration. */
function bodyOf(source: string, name: string): string {
  const start = source.search(new RegExp(`^export (async )?function ${name}\\b`, 'm'));
  expect(start, `pipeline.ts defines ${name}`).toBeGreaterThanOrEqual(0);
  const rest = source.slice(start + 1);
  const end = rest.search(/^(export |function |const |class |interface )/m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the stages', () => {
  const stages = stagesInReadme();
  const pipeline = readFileSync(path.join(ROOT, 'pipeline', 'runner', 'pipeline.ts'), 'utf8');

  it('are listed in the README, from load to the index', () => {
    expect(stages.map((s) => s.name)).toEqual(['load', 'parse', 'model', 'resolve', 'amend', 'validate', 'render', 'summarize', 'publish', 'index']);
  });

  it.each(stagesInReadme().map((s) => [s.name, s] as const))('%s is a module that exports its function', async (_, stage) => {
    const module = (await import(path.join(ROOT, 'pipeline', stage.module))) as Record<string, unknown>;
    expect(typeof module[stage.fn], `${stage.module} exports ${stage.fn}`).toBe('function');
  });

  it("run per ordinance in the README's order, and the index once per run", () => {
    // Loading happens around the ordinance's stages (the folder summary cache wraps it); the rest run in compileOrdinance.
    expect(bodyOf(pipeline, 'compileFolder')).toContain('loadOrdinanceSources(');
    const compile = bodyOf(pipeline, 'compileOrdinance');
    const perOrdinance = stages.filter((s) => s.name !== 'load' && s.name !== 'index');
    const calls = perOrdinance.map((s) => ({ stage: s.name, at: compile.indexOf(`${s.fn}(`) }));
    for (const call of calls) expect(call.at, `compileOrdinance calls the ${call.stage} stage`).toBeGreaterThanOrEqual(0);
    expect(calls.map((c) => c.stage)).toEqual([...calls].sort((a, b) => a.at - b.at).map((c) => c.stage));
    const index = stages.find((s) => s.name === 'index')!;
    expect(bodyOf(pipeline, 'compileRun')).toContain(`${index.fn}(`);
  });
});
