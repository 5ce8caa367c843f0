/**
 * docs/reference/ is generated from the code (the rules' metadata and docs,
 * the TypeBox schemas, each command's help) by `npm run reference`: this
 * regenerates it in memory and fails when a committed page differs, so the
 * reference cannot drift. It imports the compiled code in lib/ (`npm test`
 * compiles first). Each finding's docs link is a page of this reference.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsLink, docsPage } from '../pipeline/report/diagnostics.js';
import { formatSarif } from '../pipeline/cli/sarif.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { committedPages, REFERENCE_DIR, referencePages } from '../scripts/reference.mjs';
import { FIXTURES, ROOT, runCli, workspace } from './helpers.js';

const RERUN = 'docs/reference/ is out of date: run `npm run reference` and commit the pages it writes';

describe('the reference in docs/reference/', () => {
  it('is what the code generates, page for page', async () => {
    const generated = await referencePages();
    const committed = committedPages();
    const missing = [...generated.keys()].filter((name) => !committed.has(name));
    const stale = [...committed.keys()].filter((name) => !generated.has(name));
    const differing = [...generated.keys()].filter((name) => committed.has(name) && committed.get(name) !== generated.get(name));
    expect({ missing, stale, differing }, RERUN).toEqual({ missing: [], stale: [], differing: [] });
  });

  it('has a page for every rule, every check of the format, every command and every published schema', async () => {
    const pages = await referencePages();
    for (const rule of rules) expect(pages.get(`${REFERENCE_DIR}/rules/${rule.id}.md`), rule.id).toContain(`Default severity | ${rule.defaultSeverity}`);
    expect(pages.get(`${REFERENCE_DIR}/checks/README.md`)).toContain('[`source-encoding`](source-encoding.md)');
    const cli = pages.get(`${REFERENCE_DIR}/cli.md`) ?? '';
    for (const command of ['check', 'build', 'publish', 'new jurisdiction', 'watch']) expect(cli).toContain(`## ordinance ${command}\n\n\`\`\`text\n`);
    expect(cli).toContain('--max-warnings');
    const config = pages.get(`${REFERENCE_DIR}/schemas/ordinance.config.md`) ?? '';
    expect(config).toContain('| `overrides[].ordinances` | array of string | yes | Ordinance folder names (slugs). |');
    expect(pages.get(`${REFERENCE_DIR}/rules/vague-terms.md`)).toMatch(
      /\| `allow` \| array of string \| yes \| Phrases that carry a legal standard .* Default `\["reasonable suspicion"/,
    );
  });
});

describe('the docs link of each finding', () => {
  it('is the page of its rule or check in docs/reference/, a path that exists', () => {
    expect(docsPage('vague-terms', true)).toBe('docs/reference/rules/vague-terms.md');
    expect(docsPage('source-encoding', false)).toBe('docs/reference/checks/source-encoding.md');
    for (const rule of rules) expect(existsSync(path.join(ROOT, docsPage(rule.id, true))), rule.id).toBe(true);
  });

  it('is a URL below the package homepage when it has one', () => {
    expect(docsLink('docs/reference/rules/and-or.md')).toBe('docs/reference/rules/and-or.md');
    expect(docsLink('docs/reference/rules/and-or.md', 'https://example.org/ordinance/blob/main#readme')).toBe(
      'https://example.org/ordinance/blob/main/docs/reference/rules/and-or.md',
    );
    const sarif = JSON.parse(formatSarif([], rules, '1.0.0', 'https://example.org/ordinance/')).runs[0].tool.driver.rules[0];
    expect(sarif.helpUri).toBe(`https://example.org/ordinance/docs/reference/rules/${rules[0]!.id}.md`);
    const plain = JSON.parse(formatSarif([], rules, '1.0.0')).runs[0].tool.driver.rules[0];
    expect(plain.helpUri).toBeUndefined();
    expect(plain.properties.docs).toBe(`docs/reference/rules/${rules[0]!.id}.md`);
  });

  it('is printed under each finding in the human format, for rules and checks of the format alike', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'subdivision-gap'));
    const result = runCli(['check', 'ordinance', '--format', 'human'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[url]:\n    docs/reference/rules/subdivision-sequence.md');
    const format = runCli(['check', 'ordinance', '--format', 'human'], workspace(path.join(FIXTURES, 'bad-input', 'unknown-annotation')));
    expect(format.stdout).toContain('[url]:\n    docs/reference/checks/unknown-annotation.md');
  });
});
