/**
 * One schema mechanism for every file a person writes: the configuration,
 * the templates (with their citation grammar and rule settings) and front
 * matter. Each mistake is reported at its place and stops the run with exit
 * 2, never an internal error; the published JSON Schemas are generated from
 * the same TypeBox schemas, kept up to date, and accepted by another
 * validator (ajv) as the pipeline's own.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { ordinanceSchema } from '../pipeline/model/metadata.js';
import { parseSource } from '../pipeline/parse/processor.js';
import { publishedSchemas } from '../pipeline/cli/published-schemas.js';
import { schemaProblems } from '../pipeline/schema/validate.js';
import { configSchema } from '../pipeline/config/project-config.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { ROOT, tempDir, workspace, type CliResult } from './helpers.js';
import { runMain } from './in-process.js';

const RECORDS = path.join('ordinance', 'sample', '02-records.md');

/** A workspace with `config` as its ordinance.config.json (a string is written as is). */
function withConfig(config: unknown): string {
  const dir = workspace();
  writeFileSync(path.join(dir, 'ordinance.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
}

/** Check the base workspace with `config`; the run must stop with exit 2 and the one message given. */
async function configError(config: unknown): Promise<string> {
  const result = await runMain(['check', 'ordinance'], withConfig(config));
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toContain('internal error');
  return result.stderr;
}

describe('ordinance.config.json', () => {
  it('says where the JSON is malformed', async () => {
    expect(await configError('{\n  "rules": {\n    "and-or": "error",\n  }\n}\n')).toBe(
      'ordinance.config.json:4:3: error Malformed JSON: unexpected `}`, expected a key in double quotes\n',
    );
    expect(await configError('{ "rules": {}, "rules": {} }')).toBe(
      'ordinance.config.json:1:16: error Unexpected duplicate key `rules`, expected each key once (JSON keeps only the last)\n',
    );
  });

  it('names an unknown key anywhere, with the key it likely means', async () => {
    // `rule` for `rules` in an override was dropped silently before.
    const lines = (await configError({ overrides: [{ ordinances: ['sample'], rule: { 'and-or': 'off' } }] })).split('\n');
    expect(lines[0]).toBe(
      'ordinance.config.json:3:5: error Missing `overrides[1].rules` in the configuration, expected a mapping whose keys are each a rule id (`ordinance rules` lists them)',
    );
    expect(lines[1]).toBe('ordinance.config.json:7:7: error Unexpected key `overrides[1].rule` in the configuration, expected `overrides[1].rules` or else `ordinances`');
    expect(lines).toHaveLength(3);
    expect(await configError({ rules: { 'and-or': { severity: 'off', reasn: 'x' } } })).toBe(
      'ordinance.config.json:5:7: error Unexpected key `rules.and-or.reasn` in the configuration, expected `rules.and-or.reason` or else one of `severity`, `byStatus`\n',
    );
  });

  it('names an unknown rule id, with the rule it likely means', async () => {
    expect(await configError({ rules: { 'vage-terms': 'off' } })).toBe(
      'ordinance.config.json:3:5: error Unexpected key `rules.vage-terms` in the configuration, expected `rules.vague-terms` or a rule id (`ordinance rules` lists them)\n',
    );
  });

  it('names a value of the wrong type, and what is expected', async () => {
    expect(await configError({ rules: { 'and-or': 3 } })).toBe(
      'ordinance.config.json:3:15: error Unexpected number `3` for `rules.and-or`, expected one of `error`, `warning`, `info`, `off` or a mapping with `severity`, `byStatus`, `reason`\n',
    );
    expect(await configError({ overrides: { ordinances: ['sample'] } })).toBe(
      'ordinance.config.json:2:16: error Unexpected mapping for `overrides`, expected a list of a mapping with `ordinances`, `rules`\n',
    );
  });

  it("checks a rule's options against that rule's own schema", async () => {
    // Before, this ended in "internal error" inside the rule.
    expect(await configError({ rules: { 'vague-terms': { options: { words: 'x' } } } })).toBe(
      'ordinance.config.json:5:18: error Unexpected text `x` for `rules.vague-terms.options.words`, expected a list of text\n',
    );
    expect(await configError({ rules: { 'heading-length': { options: { max: 0, mx: 10 } } } })).toBe(
      'ordinance.config.json:5:16: error Unexpected number `0` for `rules.heading-length.options.max`, expected a whole number of at least 1\n' +
        'ordinance.config.json:6:9: error Unexpected key `rules.heading-length.options.mx` in the configuration, expected `rules.heading-length.options.max`\n',
    );
    // A rule without options takes none.
    expect(await configError({ rules: { 'and-or': { options: {} } } })).toBe(
      'ordinance.config.json:4:7: error Unexpected key `rules.and-or.options` in the configuration, expected one of `severity`, `byStatus`, `reason`\n',
    );
  });

  it('names a status that is not one', async () => {
    expect(await configError({ rules: { 'and-or': { byStatus: { drafted: 'off' } } } })).toBe(
      'ordinance.config.json:5:9: error Unexpected key `rules.and-or.byStatus.drafted` in the configuration, expected `rules.and-or.byStatus.draft` or else one of `introduced`, `adopted`, `effective`, `withdrawn`, `failed`\n',
    );
  });

  it('still changes what is checked when it is valid', async () => {
    const dir = withConfig({ rules: { 'vague-terms': { options: { words: ['at once'] } }, 'and-or': { severity: 'error', byStatus: { draft: 'off' } } } });
    const file = path.join(dir, RECORDS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('(a) Every Stop shall be recorded.', '(a) Every Stop shall be recorded promptly and/or at once.'));
    expect(await runMain(['check', 'ordinance'], dir)).toEqual({
      code: 0,
      stdout: 'ordinance/sample/02-records.md:9:50: warning § 2(a): Unexpected vague term `at once`, expected a stated standard (a time, a number, a test) [vague-terms]\n',
      stderr: '0 errors, 1 warning\n',
    });
  });
});

/** A copy of the installed tool (its bundle, templates and dependencies), whose templates a test may break. */
function installation(): string {
  const dir = tempDir('ordinance-install-');
  for (const part of ['bin', 'package.json', 'templates', path.join('lib', 'bin')]) cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Edit a template of `install` as JSON text. */
function editTemplate(install: string, file: string, change: (text: string) => string): string {
  const full = path.join(install, 'templates', file);
  const text = change(readFileSync(full, 'utf8'));
  writeFileSync(full, text);
  return text;
}

/** Where `needle` starts in `text`, as line:column. */
function placeOf(text: string, needle: string): string {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

describe('templates', () => {
  it('name a key that is not in the schema, at its place, and stop the run', async () => {
    const install = installation();
    const text = editTemplate(install, 'jurisdictions/los-angeles.json', (t) => t.replace('"urgencyBanner"', '"urgencyBaner"'));
    const dir = workspace();
    expect((await runMain(['check', 'ordinance'], dir)).code).toBe(0); // the project's own installation is untouched
    const broken = checkIn(install, dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).not.toContain('internal error');
    const file = path.relative(dir, path.join(install, 'templates', 'jurisdictions', 'los-angeles.json'));
    expect(broken.stderr.split('\n')).toContain(
      `${file}:${placeOf(text, '"urgencyBaner"')}: error Unexpected key \`urgencyBaner\` in the jurisdiction template, expected \`urgencyBanner\` or else one of \`id\`, \`name\`, \`codeName\`, \`layout\`, \`language\`, \`numberLabel\`, \`vocabulary\`, \`titleBlock\`, \`numberForm\`, \`councilFile\`, \`numbers\`, \`roles\`, \`enactingClause\`, \`enactingClauseRunsIn\`, \`legend\`, \`footer\`, \`reviewPeriods\`, \`voteRequired\`, \`votes\`, \`citations\`, \`amendments\`, \`codify\`, \`certification\`, \`declarationOfPosting\`, \`pagesAfter\`, \`rules\`, \`documents\``,
    );
  });

  it("check their rule ids and each rule's options", async () => {
    const install = installation();
    const text = editTemplate(install, 'jurisdictions/district-of-columbia.json', (t) =>
      t
        .replace('"subdivision-sequence": {', '"subdivision-sequense": {')
        .replace('"vague-terms": {\n          "severity": "off",', '"vague-terms": {\n          "options": { "allow": "x" },'),
    );
    const dir = workspace();
    const result = checkIn(install, dir);
    const file = path.relative(dir, path.join(install, 'templates', 'jurisdictions', 'district-of-columbia.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${file}:${placeOf(text, '"subdivision-sequense"')}: error Unexpected key \`documents.code-title.rules.subdivision-sequense\` in the jurisdiction template, expected \`documents.code-title.rules.subdivision-sequence\` or a rule id (\`ordinance rules\` lists them)\n` +
        `${file}:${placeOf(text, '"x" }')}: error Unexpected text \`x\` for \`documents.code-title.rules.vague-terms.options.allow\`, expected a list of text\n`,
    );
  });

  it('apply the options they give a rule', async () => {
    const install = installation();
    editTemplate(install, 'jurisdictions/los-angeles.json', (t) =>
      t.replace('"rules": {', '"rules": { "vague-terms": { "options": { "words": ["at once"] }, "reason": "This city\'s own list." },'),
    );
    const dir = workspace();
    const file = path.join(dir, RECORDS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('(a) Every Stop shall be recorded.', '(a) Every Stop shall be recorded promptly or at once.'));
    expect(checkIn(install, dir)).toMatchObject({
      code: 0,
      stdout: 'ordinance/sample/02-records.md:9:46: warning § 2(a): Unexpected vague term `at once`, expected a stated standard (a time, a number, a test) [vague-terms]\n',
    });
  });

  it('compile citation patterns as detection does, and name one that does not compile', async () => {
    const install = installation();
    // `\-` is an identity escape detection accepts (no `u` flag); it was rejected before, when checked with `u`.
    editTemplate(install, 'jurisdictions/los-angeles.json', (t) => t.replace('"pattern": "Ordinance\\\\s+No\\\\.', '"pattern": "Ordinance\\\\s*\\\\-?\\\\s*No\\\\.'));
    expect(checkIn(install, workspace()).code).toBe(0);
    const text = editTemplate(install, 'jurisdictions/los-angeles.json', (t) => t.replace('"pattern": "Ordinance', '"pattern": "(?<n>Ordinance'));
    const dir = workspace();
    const result = checkIn(install, dir);
    const file = path.relative(dir, path.join(install, 'templates', 'jurisdictions', 'los-angeles.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${escapeRegExp(`${file}:${placeOf(text, '"(?<n>Ordinance')}: error Unexpected pattern for \`citations.ordinances.pattern\` (Invalid regular expression: `)}.+\\), expected a regular expression that compiles\\n$`,
      ),
    );
  });

  it('have the id their file is named by', async () => {
    const install = installation();
    const text = editTemplate(install, 'jurisdictions/los-angeles.json', (t) => t.replace('"id": "los-angeles"', '"id": "la"'));
    const dir = workspace();
    expect(checkIn(install, dir)).toMatchObject({
      code: 2,
      stderr: `${path.relative(dir, path.join(install, 'templates', 'jurisdictions', 'los-angeles.json'))}:${placeOf(text, '"la"')}: error Unexpected id \`la\`, expected \`los-angeles\` (the name of its file)\n`,
    });
  });

  it('merge a layout over the one it extends, and say what the whole still lacks', async () => {
    const install = installation();
    editTemplate(install, 'layouts/council.json', (t) => t.replace(/\n {2}"colors": \{[^}]*\},/, ''));
    const dir = workspace();
    const result = checkIn(install, dir);
    expect(result.code).toBe(2);
    // Every layout that extends it lacks it: the District's acts use `district-of-columbia` (loaded first), which extends `council`.
    expect(result.stderr).toBe(
      `${path.relative(dir, path.join(install, 'templates', 'layouts', 'district-of-columbia.json'))}:1:1: error Missing \`colors\` in layout \`district-of-columbia\` (with the layouts it extends), expected a mapping with \`text\`, \`link\`, \`rule\`\n`,
    );
    const text = editTemplate(install, 'jurisdictions/los-angeles.json', (t) => t.replace('"layout": "los-angeles"', '"layout": "los-angelse"'));
    editTemplate(install, 'layouts/council.json', () => readFileSync(path.join(ROOT, 'templates', 'layouts', 'council.json'), 'utf8'));
    expect(checkIn(install, dir).stderr).toBe(
      `${path.relative(dir, path.join(install, 'templates', 'jurisdictions', 'los-angeles.json'))}:${placeOf(text, '"los-angelse"')}: error Unknown layout \`los-angelse\`, expected \`los-angeles\` or else one of \`code\`, \`council\`, \`district-of-columbia\`, \`house\`, \`san-francisco\` (templates/layouts/<id>.json)\n`,
    );
  });
});

/** Check the workspace `dir` with the CLI of `install`. */
function checkIn(install: string, dir: string): CliResult {
  const result = spawnSync(process.execPath, [path.join(install, 'bin', 'ordinance.js'), 'check', 'ordinance'], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('published schemas', () => {
  it('are what the code generates (npm run schemas)', async () => {
    for (const [file, text] of Object.entries(publishedSchemas(rules))) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), `${file} is out of date: run npm run schemas`).toBe(text);
    }
  });

  it('accept the shipped configuration, templates and front matter, as the pipeline does', async () => {
    const ajv = new Ajv({ allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    // A standard format (JSON Schema's "regex"): what JavaScript compiles.
    ajv.addFormat('regex', {
      validate: (text: string) => {
        try {
          return new RegExp(text, 'u') instanceof RegExp;
        } catch {
          return false;
        }
      },
    });
    const published = (file: string) => ajv.compile(JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')));
    const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
    const config = published('ordinance.config.schema.json');
    expect(config(json('ordinance.config.json')), JSON.stringify(config.errors)).toBe(true);
    expect(config({ rules: { 'vague-terms': { options: { words: 'x' } } } })).toBe(false);
    const jurisdiction = published('templates/schemas/jurisdiction.schema.json');
    for (const id of ['los-angeles', 'district-of-columbia']) expect(jurisdiction(json(`templates/jurisdictions/${id}.json`)), JSON.stringify(jurisdiction.errors)).toBe(true);
    const layout = published('templates/schemas/layout.schema.json');
    for (const id of ['council', 'code', 'los-angeles', 'district-of-columbia', 'san-francisco', 'house'])
      expect(layout(json(`templates/layouts/${id}.json`)), JSON.stringify(layout.errors)).toBe(true);
    const ordinance = published('templates/schemas/ordinance.front-matter.schema.json');
    const meta = parseDocument(readFileSync(path.join(ROOT, 'ordinance', 'la-sanctuary-city', 'ordinance.md'), 'utf8').split('---')[1]!).toJS();
    expect(ordinance(meta), JSON.stringify(ordinance.errors)).toBe(true);
    expect(ordinance({ ...meta, statuss: 'draft' })).toBe(false);
  });
});

describe('front matter', () => {
  const check = (yaml: string) => {
    const file = new VFile({ path: 'ordinance.md', value: `---\n${yaml}---\n\nText.\n` });
    parseSource(file, ordinanceSchema, 'ordinance front matter');
    return { file, findings: file.messages.map((m) => `${m.line}:${m.column}: ${m.reason}`) };
  };

  it('says which required keys an empty block lacks', async () => {
    expect(check('').findings).toEqual([
      '2:1: Missing `title` in ordinance front matter, expected text',
      '2:1: Missing `short-title` in ordinance front matter, expected text of at most 200 characters',
      '2:1: Missing `jurisdiction` in ordinance front matter, expected a kebab-case id (lowercase letters, digits and hyphens)',
      '2:1: Missing `status` in ordinance front matter, expected one of `draft`, `introduced`, `adopted`, `effective`, `withdrawn`, `failed`',
      '2:1: Missing `version` in ordinance front matter, expected a whole number from 1 to 9999',
    ]);
  });

  it('puts each finding on its key or value, and drops the value that failed so no rule reads it', async () => {
    const { file, findings } = check(
      'title: "An ordinance."\nshort-title: "Short"\njurisdiction: los-angeles\nstatus: draft\nversion: 1\ndates: 5\nvote:\n  ayes: 3\n  noess: 1\ncodifies:\n  - ok-id\n  - Not An Id\n',
    );
    expect(findings).toEqual([
      '7:8: Unexpected number `5` for `dates`, expected a mapping of keys (`introduced`, `passed`, `approved`, `effective`)',
      '9:3: Missing `vote.noes` in ordinance front matter, expected a whole number from 0 to 99999',
      '10:3: Unexpected key `vote.noess` in ordinance front matter, expected `vote.noes` or else `ayes`',
      '13:5: Unexpected `Not An Id` for `codifies[2]`, expected a kebab-case id (lowercase letters, digits and hyphens)',
    ]);
    expect(file.data.frontMatter).toEqual({ title: 'An ordinance.', 'short-title': 'Short', jurisdiction: 'los-angeles', status: 'draft', version: 1 });
    expect(file.data.frontMatterValid).toBe(false);
    // Places of every key the schema knows, the dropped ones too, for rules that point at them.
    expect(file.data.frontMatterPlaces?.get('codifies.1')).toEqual({ start: { line: 13, column: 5 }, end: { line: 13, column: 14 } });
  });
});

describe('schema problems', () => {
  it('are phrased from the schema: the branch of a union the value takes, its path, a did-you-mean', async () => {
    const schema = configSchema(rules);
    expect(schemaProblems(schema, { rules: { 'and-or': { severity: 'eror' } } }, 'the configuration')).toEqual([
      {
        message: 'Unexpected `eror` for `rules.and-or.severity`, expected `error` or else one of `warning`, `info`, `off`',
        path: ['rules', 'and-or', 'severity'],
        at: 'value',
        unusable: ['rules', 'and-or', 'severity'],
        // Its fix: the quick fix, and what `check --fix` writes.
        fix: { actual: 'eror', expected: ['error'] },
      },
    ]);
    expect(schemaProblems(schema, { overrides: [{ ordinances: ['a', 7], rules: {} }] }, 'the configuration')).toEqual([
      {
        message: 'Unexpected number `7` for `overrides[1].ordinances[2]`, expected text',
        path: ['overrides', 0, 'ordinances', 1],
        at: 'value',
        unusable: ['overrides', 0, 'ordinances', 1],
      },
    ]);
  });
});
