/**
 * Crash safety: the sample's sources, mangled in many small ways (a seeded
 * random walk of deletions, duplications and stray characters), must always
 * come back as findings and never as an exception.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadOrdinanceSources, loadRegistrySources } from '../pipeline/load/sources.js';
import { compileOrdinance } from '../pipeline/runner/pipeline.js';
import { DirectiveRegistry } from '../pipeline/registry/registry.js';
import { ROOT } from './helpers.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE = [
  '---',
  ':',
  '::',
  ':::',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  '"',
  '\n',
  '\n\n',
  '<!--',
  '-->',
  '`',
  '|',
  '#',
  '>',
  '(a)',
  '(1)',
  ':cite',
  ':ref{to=',
  'id:',
  '\u0000',
  '\uFFFD',
  '\t',
];

function mangle(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (kind < 0.7) out = out.slice(0, at) + NOISE[Math.floor(next() * NOISE.length)]! + out.slice(at);
    else {
      const from = Math.floor(next() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(next() * 40)) + out.slice(at);
    }
  }
  return out;
}

/** How many mutations: 100 in `npm test`, 300 in the second tier (ORDINANCE_TEST_TIER=full); FUZZ_ROUNDS sets more. */
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? (process.env.ORDINANCE_TEST_TIER === 'full' ? 300 : 100));

describe('mangled sources', () => {
  const dir = path.join(ROOT, 'ordinance', 'la-sanctuary-city');
  const registryDir = path.join(ROOT, 'ordinance', 'directives');

  it(`always end in findings, never in an exception (${ROUNDS} seeded mutations)`, async () => {
    const next = random(Number(process.env.FUZZ_SEED ?? 20241204));
    const registry = DirectiveRegistry.fromFiles(registryDir, loadRegistrySources(registryDir));
    let withFindings = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sources = loadOrdinanceSources(dir);
      const files = [sources.ordinanceFile!, ...sources.sectionFiles];
      const victim = files[Math.floor(next() * files.length)]!;
      const mangled = new VFile({ path: victim.path, value: mangle(String(victim.value), next) });
      if (victim === sources.ordinanceFile) sources.ordinanceFile = mangled;
      else sources.sectionFiles[sources.sectionFiles.indexOf(victim)] = mangled;
      const result = await compileOrdinance(sources, registry, { build: false, outDir: '' });
      for (const file of result.files) {
        for (const message of file.messages) {
          expect(message.ruleId, message.reason).toBeTruthy();
          expect(message.line ?? 1).toBeGreaterThanOrEqual(1);
        }
      }
      if (result.files.some((f) => f.messages.length > 0)) withFindings++;
    }
    // Most mutations break something a check can see.
    expect(withFindings).toBeGreaterThan(ROUNDS / 2);
  });
});
