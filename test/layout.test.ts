/**
 * Page layout as a clerk reads it: a status printed once, citations kept
 * whole on a line, no widow or orphan lines, no heading at the foot of a
 * page; redlines a screen reader can tell apart; the digest's watermark,
 * bullets and links to the ordinance.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeTitleWorkspace, runCli, tempDir } from './helpers.js';
import { readPdf } from './pdf.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

function build(dir: string): string {
  const out = tempDir();
  const result = runCli(['build', 'ordinance', '--out', out], dir, EPOCH);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return out;
}

describe('a code title', () => {
  it('prints a status once: "§ 97-104. [Reserved]." when the heading already says it', async () => {
    const { dir, title } = codeTitleWorkspace('status-title', '97');
    writeFileSync(path.join(title, '00001-97-101.md'), '---\nid: 97-101\nnumber: 97-101\nheading: Records.\nkind: code-section\n---\nRecords shall be kept.\n');
    writeFileSync(path.join(title, '00002-97-104.md'), '---\nid: 97-104\nnumber: 97-104\nheading: "[Reserved]."\nkind: code-section\nstatus: reserved\n---\n');
    writeFileSync(path.join(title, '00003-97-105.md'), '---\nid: 97-105\nnumber: 97-105\nheading: Fees.\nkind: code-section\nstatus: repealed\n---\n');
    const out = build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'status-title', 'status-title.pdf')));
    const text = pdf.content.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('§ 97-104. [Reserved].');
    expect(text).not.toMatch(/Reserved\]\.? \[Reserved/);
    // A status the heading does not say is still printed.
    expect(text).toContain('§ 97-105. Fees. [Repealed]');
  }, 60_000);
});
