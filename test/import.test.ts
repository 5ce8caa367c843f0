/**
 * The D.C. Code import, on real titles from ../shared/corpora: every section
 * converted, subdivisions read back with the nesting the XML gives them,
 * citations as annotations (or plain text), and the result clean under check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attribute, child, elements, local, textOf, type Element } from '../pipeline/dc-xml/xml.js';
import { readXml } from '../pipeline/import/xml-file.js';
import { sectionTree } from '../pipeline/dc-xml/section.js';
import { markdown } from '../pipeline/dc-xml/markdown.js';
import type { Block, Subdivision } from '../pipeline/model/types.js';
import { compileWorkspace } from '../pipeline/runner/run.js';
import { DC_CODE } from './corpora.js';
import { FIXTURES, ROOT, runCli, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

const TITLES = ['24', '29'];

let xml: string;
let out: string;
let stderr: string;

function sectionFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.md$/.test(e.name) && !['code.md', 'group.md'].includes(e.name)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

describe.skipIf(!DC_CODE.present)(`ordinance import dc-code (${DC_CODE.needed})`, () => {
  beforeAll(() => {
    xml = tempDir('dc-xml-');
    const members = ['us/dc/council/code/index.xml', ...TITLES.map((t) => `us/dc/council/code/titles/${t}`)];
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, ...members]);
    out = path.join(tempDir('dc-import-'), 'dc');
    const result = runCli(['import', 'dc-code', xml, out, '--titles', TITLES.join(',')], ROOT);
    expect(result.code).toBe(0);
    stderr = result.stderr;
  });

  it('converts every section of the titles, and says what it skipped', () => {
    const xmlSections = TITLES.flatMap((t) => readdirSync(path.join(xml, 'us/dc/council/code/titles', t, 'sections')).filter((n) => n.endsWith('.xml')));
    const imported = TITLES.flatMap((t) => sectionFiles(path.join(out, `dc-code-title-${t}`)));
    expect(imported).toHaveLength(xmlSections.length);
    expect(stderr).toMatch(new RegExp(`imported 2 titles, \\d+ groups, ${xmlSections.length} sections`));
    // Only these two titles are unpacked: the others' includes are missing, and not asked for, so not reported.
    expect(stderr).not.toContain('skipped missing include');
    expect(stderr).not.toContain('failed:');
  });

  it('keeps titles, chapters and subchapters as folders with their headings', () => {
    const code = readFileSync(path.join(out, 'dc-code-title-24', 'code.md'), 'utf8');
    expect(code).toContain('type: code-title');
    expect(code).toContain('title: Title 24. Prisoners and Their Treatment.');
    const chapter = readFileSync(path.join(out, 'dc-code-title-24', '02-chapter-2', 'group.md'), 'utf8');
    expect(chapter).toBe('---\nprefix: Chapter\nnum: "2"\nheading: Prisons and Prisoners.\n---\n');
  });

  it('writes a section with its designation, subdivisions, citations and history', () => {
    const [file] = sectionFiles(out).filter((f) => f.endsWith('-24-211.07.md'));
    const text = readFileSync(file!, 'utf8');
    expect(text).toMatch(/^---\nid: 24-211.07\nnumber: 24-211.07\nheading: Prohibition on cooperation with federal immigration agencies.\nkind: code-section\n---\n/);
    expect(text).toContain(
      '\n(1) Hold an individual in the District\'s custody after that individual would have been otherwise released, except as provided in :cite[§ 24-211.02a(c)(6)]{to="dc-code" pin="§ 24-211.02a(c)(6)"};\n',
    );
    expect(text).toContain(':::annotation{type="History" doc="D.C. Law 19-194"}\nas added Dec. 11, 2012, D.C. Law 19-194, § 2, 59 DCR 10153\n:::');
  });

  it("prints no number the law does not print: the Council's undesignated para", () => {
    // <num undesignated="true">(a)</num> addresses "The Department of Corrections shall:", which the law prints unnumbered.
    const [file] = sectionFiles(out).filter((f) => f.endsWith('-24-221.05.md'));
    const text = readFileSync(file!, 'utf8');
    expect(text).not.toContain('(a)');
    expect(text).toContain('\n\nThe Department of Corrections shall:\n\n(1) Regularly inform incarcerated persons');
  });

  it('reads back every subdivision at the depth the XML gives it', async () => {
    const result = await compileWorkspace(
      { registryDir: path.join(out, 'directives'), ordinances: TITLES.map((t) => path.join(out, `dc-code-title-${t}`)) },
      { build: false, outDir: '' },
    );
    let compared = 0;
    for (const ordinance of result.ordinances) {
      for (const section of ordinance.ordinance!.sections) {
        const source = path.join(xml, 'us/dc/council/code/titles', ordinance.slug.replace('dc-code-title-', '').toUpperCase(), 'sections', `${section.designation}.xml`);
        if (!existsSync(source)) continue;
        expect(subdivisionsOf(section.blocks), section.designation).toEqual(parasOf(readXml(source)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('registers every cited enactment', () => {
    const entry = readFileSync(path.join(out, 'directives', 'dc-law-19-194.md'), 'utf8');
    expect(entry).toMatch(/^---\nid: dc-law-19-194\ncited-as:\n {2}- D.C. Law 19-194\ntitle: D.C. Law 19-194\nkind: session-law\nstatus: unknown\n---\n/);
    expect(existsSync(path.join(out, 'directives', 'dc-code.md'))).toBe(true);
  });

  it('finds only what is really there: gaps in the numbering of the law itself', () => {
    const result = runCli(['check', out], ROOT);
    const findings = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.slice(line.indexOf('dc-code-title-')));
    // Each is in the D.C. Council's XML as published: (A)-(D) then (A), (B); (a) then (c); (c) then (d) missing.
    expect(findings).toEqual([
      'dc-code-title-29/03-chapter-3/12-subchapter-xii/02-part-b/01-29-312.20.md:26:1: warning § 29-312.20(a)(2)(A): Unexpected subdivision `(A)`, expected `(E)` [subdivision-sequence]',
      'dc-code-title-29/06-chapter-6/10-subchapter-x/04-29-610.04.md:16:1: warning § 29-610.04(c): Unexpected subdivision `(c)`, expected `(b)` [subdivision-sequence]',
      'dc-code-title-29/11-chapter-11/26-29-1126.md:38:1: warning § 29-1126(d): Unexpected subdivision `(d)`, expected `(c)` [subdivision-sequence]',
    ]);
    // Warnings, by the District's template (with its reason): the Code is published as enacted.
    expect(result.code).toBe(0);
    expect(runCli(['check', path.join(out, 'dc-code-title-24')], ROOT)).toMatchObject({ code: 0, stdout: '' });
  });

  it('leaves citations as plain text when asked', () => {
    const plain = path.join(tempDir('dc-plain-'), 'dc');
    expect(runCli(['import', 'dc-code', xml, plain, '--titles', '24', '--plain-citations'], ROOT).code).toBe(0);
    const [file] = sectionFiles(plain).filter((f) => f.endsWith('-24-211.07.md'));
    expect(readFileSync(file!, 'utf8')).toContain('except as provided in § 24-211.02a(c)(6);');
    expect(readdirSync(path.join(plain, 'directives'))).toEqual(['dc-code.md']);
  });

  it('refuses to write into a folder it did not make', () => {
    const result = runCli(['import', 'dc-code', xml, path.join(ROOT, 'ordinance')], ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exists and was not made by an import/);
  });
});

describe('ordinance import dc-code --titles', () => {
  /** A code's XML whose index includes titles 1, 2 and 3, of which only title 1 is there. */
  function partialCode(): string {
    const dir = tempDir('dc-xml-');
    const ns = 'xmlns="https://code.dccouncil.us/schemas/dc-library" xmlns:xi="http://www.w3.org/2001/XInclude"';
    mkdirSync(path.join(dir, 'titles', '1'), { recursive: true });
    const includes = ['1', '2', '3'].map((n) => `  <xi:include href="./titles/${n}/index.xml"/>`).join('\n');
    writeFileSync(
      path.join(dir, 'index.xml'),
      `<?xml version='1.0' encoding='utf-8'?>\n<document ${ns} id="D.C. Code">\n  <heading>Code of the District of Columbia</heading>\n${includes}\n</document>\n`,
    );
    writeFileSync(
      path.join(dir, 'titles', '1', 'index.xml'),
      `<?xml version='1.0' encoding='utf-8'?>\n<container ${ns} containing-doc="D.C. Code">\n  <prefix>Title</prefix>\n  <num>1</num>\n  <heading>Government Organization.</heading>\n</container>\n`,
    );
    return dir;
  }

  it('says nothing of the titles not asked for, and names a missing title that was', async () => {
    const xmlDir = partialCode();
    const out = tempDir('dc-import-');
    const only = await runMain(['import', 'dc-code', xmlDir, 'one', '--titles', '1'], out);
    expect(only.code, only.stderr).toBe(0);
    expect(only.stderr).toMatch(/^imported 1 titles, /);
    expect(only.stderr).not.toContain('skipped missing include');
    const asked = await runMain(['import', 'dc-code', xmlDir, 'two', '--titles', '1,3'], out);
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr.split('\n').filter((line) => line.startsWith('skipped'))).toEqual(['skipped missing include: ./titles/3/index.xml']);
    expect(readFileSync(path.join(out, 'two', 'README.md'), 'utf8')).toContain('- missing includes: 1\n');
    // Without --titles every title is asked for: each missing one is named.
    const all = await runMain(['import', 'dc-code', xmlDir, 'all'], out);
    expect(all.stderr.split('\n').filter((line) => line.startsWith('skipped'))).toEqual([
      'skipped missing include: ./titles/2/index.xml',
      'skipped missing include: ./titles/3/index.xml',
    ]);
  });
});

/** (designation, depth) of every subdivision, in order, as the model reads them. */
function subdivisionsOf(blocks: Block[], depth = 1): [string, number][] {
  return blocks.flatMap((b): [string, number][] =>
    b.type === 'subdivision' ? [[designation(b), depth], ...subdivisionsOf(b.blocks, depth + 1)] : b.type === 'blockquote' ? subdivisionsOf(b.children, depth) : [],
  );
}

function designation(s: Subdivision): string {
  return s.marker || (s.label ? `(${s.label})` : '');
}

/** (num, depth) of every <para>, in order. */
function parasOf(element: Element, depth = 1): [string, number][] {
  return elements(element).flatMap((e): [string, number][] => {
    if (local(e) === 'para') {
      // An undesignated para prints no number: its paras are those of what holds it.
      if (attribute(child(e, 'num')!, 'undesignated') === 'true') return parasOf(e, depth);
      return [[textOf(child(e, 'num')), depth], ...parasOf(e, depth + 1)];
    }
    if (local(e) === 'container' || local(e) === 'include') return parasOf(e, depth);
    return [];
  });
}

describe('a section of the D.C. Code, imported (a real section in test/fixtures)', () => {
  it('prints no space before a comma where the Council\'s markup took something out ("Sections 12-301  , 12-302") (issue 29)', () => {
    const ctx = { plainCitations: true, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
    const text = markdown.stringify(sectionTree(readXml(path.join(FIXTURES, 'dc-code-sections', '12-308.xml')), ctx).tree);
    expect(text).toContain('Sections 12-301, 12-302, 12-305, and 12-307 do not apply to an action');
    expect(text).not.toMatch(/\S +,/);
  });
});
