/**
 * PDF/A-1 (PDF 1.4) arrays hold at most 8,191 entries. A structure
 * element's kids are one array: a section of more paragraphs than that must
 * still give a valid archive; so must a code title of more sections than a
 * name tree's array holds destinations (the page tree past 8,191 pages is
 * tested with the pdfkit internals it uses, in pdfkit.test.ts). Documents
 * this large take a while to draw: the second tier (`npm run test:full`,
 * which `.ci/run` runs) has this file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeTitleWorkspace, tempDir } from './helpers.js';
import { buildInProcess, runMain } from './in-process.js';
import { preflight } from './preflight.js';

describe('a code section of 8,500 paragraphs', () => {
  it('stays valid PDF/A-1b: its kids past 4,000 are grouped in Div elements, in reading order', async () => {
    const { dir, title } = codeTitleWorkspace('long-title', '98');
    const paragraphs = Array.from({ length: 8500 }, (_, i) => `Record ${i + 1} shall be kept.`);
    writeFileSync(path.join(title, '00001-98-1.md'), `---\nid: 98-1\nnumber: 98-1\nheading: Records.\nkind: code-section\n---\n${paragraphs.join('\n\n')}\n`);
    const out = tempDir();
    const result = await runMain(['build', 'ordinance', '--out', out], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const file = path.join(out, 'long-title', 'long-title.pdf');
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
    // 4,000 paragraphs directly in the section, then two Divs of 4,000 and 500; every paragraph printed, in order.
    const objects = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 1 << 28 });
    expect(objects.match(/\/S \/Div\b/g)?.length).toBe(2);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect([...text.matchAll(/Record (\d+) shall be kept\./g)].map((m) => Number(m[1]))).toEqual(paragraphs.map((_, i) => i + 1));
  }, 60_000);
});

describe('a code title with thousands of sections', () => {
  it('stays valid PDF/A-1b: its named destinations are split into a tree (PDF 1.4 arrays hold at most 8,191 entries)', async () => {
    const { dir, title } = codeTitleWorkspace('big-title', '99');
    for (let i = 1; i <= 4200; i++) {
      writeFileSync(
        path.join(title, `${String(i).padStart(5, '0')}-99-${i}.md`),
        `---\nid: 99-${i}\nnumber: 99-${i}\nheading: Section ${i}.\nkind: code-section\n---\nSee § 99-${i === 1 ? 2 : 1}.\n`,
      );
    }
    const out = await buildInProcess(dir, '1733702400');
    const file = path.join(out, 'big-title', 'big-title.pdf');
    expect(readFileSync(file, 'latin1')).toMatch(/\/Kids \[/);
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
  }, 60_000);
});
