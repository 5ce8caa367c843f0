/**
 * Every output has a schema, published beside the input ones
 * (templates/schemas/), and what the pipeline writes fits it: the shipped
 * sample and examples built and published as a site, and an adopted final's
 * lock, each JSON file checked by another validator (ajv) against its
 * published schema. The files read back (the output manifest, a build's
 * record and cross-references, the lock) are checked with the same schemas:
 * a file that is not what the tool writes is said at its place, or treated
 * as absent where a missing one is.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../pipeline/outputs/dist.js';
import { readJsonOutput } from '../pipeline/load/read-json.js';
import { FileProblemsError } from '../pipeline/schema/problems.js';
import { publishedSchemas } from '../pipeline/cli/published-schemas.js';
import { readLock } from '../pipeline/site/lock-status.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { XrefSchema } from '../pipeline/xref/xref.js';
import { ROOT, runCli, sampleCopy, tempDir, workspace } from './helpers.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Clerk',
  GIT_AUTHOR_EMAIL: 'clerk@example.org',
  GIT_COMMITTER_NAME: 'Clerk',
  GIT_COMMITTER_EMAIL: 'clerk@example.org',
  GIT_AUTHOR_DATE: '2025-01-02T10:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-02T10:00:00Z',
};
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

function commitAll(dir: string, message: string): void {
  const env = { ...process.env, ...GIT_ENV };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env });
}

/** The published schema an output is checked against, by its file name. */
const SCHEMA_OF: Record<string, string> = {
  'xref.json': 'xref.schema.json',
  'summary.json': 'summary.schema.json',
  'amendments.json': 'amendments.schema.json',
  'record.json': 'site-record.schema.json',
  '.ordinance-outputs.json': 'ordinance-outputs.schema.json',
  'ordinance.lock.json': 'ordinance-lock.schema.json',
};

/** The schema of a JSON output by its path in the output folder: some names mean one thing at the top and another in the site. */
function schemaFor(file: string): string | undefined {
  if (file === 'directives.json') return 'directives.schema.json';
  if (file === 'site/catalog.json') return 'site-catalog.schema.json';
  if (file === 'site/manifest.json') return 'site-manifest.schema.json';
  return SCHEMA_OF[path.posix.basename(file)];
}

const ajv = new Ajv({ allErrors: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
const validators = new Map<string, ValidateFunction>();
function published(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'templates', 'schemas', name), 'utf8')) as object);
    validators.set(name, validate);
  }
  return validate;
}

/** Every JSON file below `dir` (hidden ones included), relative, with forward slashes. */
function jsonFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return jsonFiles(full, `${prefix}${name}/`);
      return name.endsWith('.json') ? [`${prefix}${name}`] : [];
    });
}

/** Check every JSON file below `dir` against its published schema; returns the schemas used. */
function expectAllValid(dir: string): Set<string> {
  const used = new Set<string>();
  for (const file of jsonFiles(dir)) {
    const schema = schemaFor(file);
    expect(schema, `${file} has no published schema`).toBeDefined();
    const validate = published(schema!);
    const value: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    expect(validate(value), `${file} against ${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
    used.add(schema!);
  }
  return used;
}

describe('the published output schemas', () => {
  it('are what scripts/schemas.mjs generates', () => {
    const generated = publishedSchemas(rules);
    const names = new Set([...Object.values(SCHEMA_OF), 'directives.schema.json', 'site-catalog.schema.json', 'site-manifest.schema.json']);
    for (const name of names) {
      const file = `templates/schemas/${name}`;
      expect(generated[file], `${file} is not generated`).toBeDefined();
      expect(readFileSync(path.join(ROOT, file), 'utf8'), `${file} is out of date: run npm run schemas`).toBe(generated[file]);
    }
  });
});

describe('every output of the shipped sample and examples fits its published schema', () => {
  let dir: string;
  beforeAll(() => {
    dir = sampleCopy();
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    commitAll(dir, 'sources');
    const build = runCli(['build', 'ordinance', '--out', 'dist', '--quiet'], dir, EPOCH);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const publish = runCli(['publish', 'ordinance', '--out', 'dist', '--quiet'], dir, EPOCH);
    expect(publish.code, publish.stderr).toBe(0);
  }, 240_000);

  it('the builds, the index and the site', () => {
    const used = expectAllValid(path.join(dir, 'dist'));
    // Each kind of output was there to check (the D.C. example amends the code: amendments.json).
    expect([...used].sort()).toEqual(
      [
        'amendments.schema.json',
        'directives.schema.json',
        'ordinance-outputs.schema.json',
        'site-catalog.schema.json',
        'site-manifest.schema.json',
        'site-record.schema.json',
        'summary.schema.json',
        'xref.schema.json',
      ].sort(),
    );
  });

  it('a record.json that is not what a build writes leaves its ordinance out, said at its place', () => {
    const record = path.join(dir, 'dist', 'sf-city-of-refuge', 'record.json');
    const text = readFileSync(record, 'utf8');
    writeFileSync(record, text.replace('"record":1', '"record":"1"'));
    try {
      const result = runCli(['publish', 'ordinance', '--out', 'dist', '--quiet'], dir, EPOCH);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'not published: ordinance/sf-city-of-refuge (not built by this version: dist/sf-city-of-refuge/record.json:1:11: Unexpected text `1` for `record`, expected `1`; run `ordinance build` again)\n',
      );
    } finally {
      writeFileSync(record, text);
    }
  });
});

describe('an adopted final', () => {
  it("its lock and its build's outputs fit their published schemas", () => {
    const dir = workspace();
    const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: draft', 'status: introduced'));
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    commitAll(dir, 'Introduced');
    const result = runCli(['adopt', 'sample', '--number', '190001', '--passed', '2025-02-04', '--vote', '12-1'], dir, EPOCH);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lock = path.join(dir, 'ordinance', 'sample', 'ordinance.lock.json');
    const validate = published('ordinance-lock.schema.json');
    expect(validate(JSON.parse(readFileSync(lock, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    // The site reads it with the one lock schema.
    expect(readLock(path.dirname(lock)).state).toBe('read');
    expect(expectAllValid(path.join(dir, 'dist'))).toContain('xref.schema.json');
  });
});

describe('an output read back', () => {
  it('that is not what the tool writes is a problem at its place', () => {
    const file = path.join(tempDir(), 'xref.json');
    writeFileSync(file, '{\n  "ordinance": "sample",\n  "title": 7\n}\n');
    let error: unknown;
    try {
      readJsonOutput(file, XrefSchema, 'the cross-references');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(FileProblemsError);
    const messages = (error as FileProblemsError).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    expect(messages).toContain('3:12: Unexpected number `7` for `title`, expected text');
    expect(messages.some((m) => m.startsWith('1:1: Missing `citations` in the cross-references'))).toBe(true);
    writeFileSync(file, '{\n  "ordinance": "sample",\n');
    expect(() => readJsonOutput(file, XrefSchema, 'the cross-references')).toThrow(/xref\.json:3:1: error Malformed JSON: unexpected end of file/);
    expect(readJsonOutput(path.join(path.dirname(file), 'none.json'), XrefSchema, 'the cross-references')).toBeUndefined();
  });

  it('the output manifest: one that lists a name no build writes is not followed at all', () => {
    const dir = tempDir();
    const manifest = path.join(dir, '.ordinance-outputs.json');
    expect(readManifest(dir)).toEqual([]);
    writeFileSync(manifest, JSON.stringify({ tool: 'ordinance', files: ['sample.pdf', 'amended/title-24/24-211.07.md'] }));
    expect(readManifest(dir)).toEqual(['sample.pdf', 'amended/title-24/24-211.07.md']);
    for (const hostile of ['../escape.md', '.hidden', 'amended/../../x', 'a\\b']) {
      writeFileSync(manifest, JSON.stringify({ tool: 'ordinance', files: ['sample.pdf', hostile] }));
      expect(readManifest(dir), hostile).toEqual([]);
    }
    writeFileSync(manifest, '{"tool": "ordinance", "files": [');
    expect(readManifest(dir)).toEqual([]);
    mkdirSync(path.join(dir, 'sub'));
    expect(readManifest(path.join(dir, 'sub'))).toEqual([]);
  });
});
