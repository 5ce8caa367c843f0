/**
 * Law over time, on a git history made here: a draft, introduced with a
 * change, adopted. `diff` gives the redline between versions (Markdown, JSON
 * and a tagged PDF), `adopt` records the adoption in the front matter only
 * and locks the final, `verify` proves the lock, and an edit to the adopted
 * text fails the check at its line.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf, readTags } from './pdf.js';
import { preflight } from './preflight.js';
import { runCli, tempDir, workspace } from './helpers.js';
import { commit, git } from './git.js';
import { runMain } from './in-process.js';

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let sample: string;

beforeAll(() => {
  dir = workspace();
  sample = path.join(dir, 'ordinance', 'sample');
  git(dir, 'init', '-q');
  commit(dir, 'Draft', '2025-01-02T10:00:00Z');
  // Introduced, with a change to the text and a new version.
  edit(path.join(sample, 'ordinance.md'), 'status: draft\nversion: 1', 'status: introduced\nversion: 2');
  edit(path.join(sample, '02-records.md'), '(a) Every Stop shall be recorded.', '(a) Every Stop shall be documented in writing.');
  commit(dir, 'Introduced as amended in committee', '2025-01-07T10:00:00Z');
});

describe('ordinance diff', () => {
  it('lists the front-matter changes by name and the changed words, an unchanged section as one line (md)', async () => {
    const result = await runMain(['diff', 'HEAD~1..HEAD', '--format', 'md'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('| status | draft | introduced |');
    expect(result.stdout).toContain('| version | 1 | 2 |');
    expect(result.stdout).toContain('- Section 1. Purpose: unchanged');
    expect(result.stdout).toContain('### Section 2. Records of Stops (changed)');
    expect(result.stdout).toContain('(a) Every Stop shall be ~~recorded~~ <ins>documented in writing</ins>.');
    // Unchanged paragraphs of a changed section are collapsed.
    expect(result.stdout).not.toContain('the place.');
  });

  it('gives each section with its stable id, its change and its word diff (json)', async () => {
    const result = await runMain(['diff', 'HEAD~1..HEAD', '--format', 'json'], dir);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      ordinances: {
        slug: string;
        frontMatter: { name: string; before: unknown; after: unknown }[];
        sections: { id: string; change: string; moved: boolean; text: { value: string; added?: boolean; removed?: boolean }[] }[];
      }[];
    };
    const [ordinance] = report.ordinances;
    expect(ordinance!.slug).toBe('sample');
    expect(ordinance!.frontMatter).toEqual([
      { name: 'status', before: 'draft', after: 'introduced' },
      { name: 'version', before: 1, after: 2 },
    ]);
    expect(ordinance!.sections.map((s) => [s.id, s.change])).toEqual([
      ['purpose', 'unchanged'],
      ['records', 'changed'],
      ['severability', 'unchanged'],
      ['effective-date', 'unchanged'],
      ['certification', 'unchanged'],
    ]);
    const records = ordinance!.sections[1]!;
    expect(records.text.filter((p) => p.removed).map((p) => p.value)).toEqual(['recorded']);
    expect(records.text.filter((p) => p.added).map((p) => p.value)).toEqual(['documented in writing']);
  });

  it('writes a tagged redline PDF: struck words struck (Los Angeles prints no parentheses) and read as deleted, inserted words tagged as inserted, unchanged sections one line', async () => {
    const out = tempDir();
    const result = await runMain(['diff', 'HEAD~1..HEAD', '--out', out], dir, { SOURCE_DATE_EPOCH: '1736244000' });
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(path.join(out, 'sample', 'redline.pdf'));
    const pdf = await readPdf(bytes);
    const text = pdf.content.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Redline');
    expect(text).toMatch(/Changes from HEAD~1 \([0-9a-f]{7}\) to HEAD \([0-9a-f]{7}\)\./);
    expect(text).toContain('status: draft introduced');
    expect(text).toContain('Section 1. Purpose: unchanged.');
    expect(text).toContain('Every Stop shall be recorded documented in writing.');
    const tags = await readTags(bytes);
    expect(tags.elements.filter((e) => e.role === 'Span').map((e) => e.text)).toEqual(
      expect.arrayContaining(['[deleted: draft]', '[inserted: introduced]', '[deleted: recorded]', '[inserted: documented in writing]']),
    );
    expect(pdf.roles.get('H1')).toBe(1);
    expect(pdf.outline).toEqual(['Changes in the front matter', 'Changes in the text']);
    // A changed section is drawn whole, headed one level below "Changes in the text", in the tags and the bookmarks.
    expect(tags.bookmarks.find((b) => b.title === 'Section 2. Records of Stops')?.depth).toBe((tags.bookmarks.find((b) => b.title === 'Changes in the text')?.depth ?? 0) + 1);
    expect(pdf.roles.get('H3')).toBe(1);
    // The same versions give the same bytes.
    const again = tempDir();
    await runMain(['diff', 'HEAD~1..HEAD', '--out', again], dir, { SOURCE_DATE_EPOCH: '1736244000' });
    expect(sha256(readFileSync(path.join(again, 'sample', 'redline.pdf')))).toBe(sha256(bytes));
  });

  it('matches sections by stable id: files renamed into a new order are a move, not a deletion and an addition', async () => {
    renameSync(path.join(sample, '02-records.md'), path.join(sample, '03-records.md'));
    renameSync(path.join(sample, '03-severability.md'), path.join(sample, '02-severability.md'));
    try {
      const result = await runMain(['diff', '--format', 'json'], dir);
      expect(result.code, result.stderr).toBe(0);
      const sections = (
        JSON.parse(result.stdout) as { ordinances: { sections: { id: string; change: string; moved: boolean; before: { number: string }; after: { number: string } }[] }[] }
      ).ordinances[0]!.sections;
      expect(sections.map((s) => s.change)).not.toContain('removed');
      expect(sections.map((s) => s.change)).not.toContain('added');
      const moved = sections.filter((s) => s.moved);
      expect(moved).toHaveLength(1);
      expect(moved.map((s) => [s.id, s.before.number, s.after.number])).toEqual([['records', '2', '3']]);
      const md = (await runMain(['diff', '--format', 'md'], dir)).stdout;
      expect(md).toContain('### Section 3. Records of Stops (moved from Section 2, changed)');
      // Its reference to itself prints its new number.
      expect(md).toContain('Section ~~2~~ <ins>3</ins>(b)');
      expect(md).toContain('- Section 2. Severability: unchanged (Section 3 before)');
    } finally {
      git(dir, 'checkout', '-q', '--', '.');
      git(dir, 'clean', '-q', '-f');
    }
  });

  it.each(['diff', 'adopt', 'verify'])('%s prints its usage for --help and refuses an option it does not take (exit 2)', (command) => {
    const help = runCli([command, '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: ordinance ${command} `));
    const wrong = runCli([command, '--colour'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`unknown option \`--colour\` for \`${command}\``);
  });

  it('refuses a revision git does not know, with exit 2 and one line', () => {
    const result = runCli(['diff', 'nosuchrev..HEAD', '--format', 'md'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown revision `nosuchrev`');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ordinance adopt, the lock and verify', () => {
  it('refuses an adoption that would not check, writing nothing, with positioned findings', async () => {
    const before = readFileSync(path.join(sample, 'ordinance.md'), 'utf8');
    // Passed before it was introduced.
    const result = await runMain(['adopt', 'sample', '--number', '190001', '--passed', '2024-12-01', '--vote', '12-1'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ordinance\/sample\/ordinance\.md:\d+:\d+: error .*\[dates-in-order\]$/m);
    expect(result.stderr).toContain('nothing was written');
    expect(readFileSync(path.join(sample, 'ordinance.md'), 'utf8')).toBe(before);
  });

  it('refuses a date that is not one, and an unknown option (exit 2)', async () => {
    expect((await runMain(['adopt', 'sample', '--number', '1', '--passed', '2025-02-30', '--vote', '12-1'], dir)).stderr).toContain('--passed is `2025-02-30`, expected a date');
    expect((await runMain(['adopt', 'sample', '--number', '1', '--passed', '2025-02-04', '--vote', '12'], dir)).code).toBe(2);
    expect((await runMain(['adopt', 'sample', '--numbr', '1'], dir)).code).toBe(2);
  });

  it('fills the front matter and changes no other byte; the result checks; the lock records sources, outputs, fonts and tool', async () => {
    const file = path.join(sample, 'ordinance.md');
    const before = readFileSync(file, 'utf8');
    const result = await runMain(['adopt', 'sample', '--number', '190001', '--passed', '2025-02-04', '--vote', '12-1', '--approved', '2025-02-10'], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    // Every line of the file before is still there, in order, but the status line, which now reads adopted.
    const kept = before.split('\n').map((line) => (line === 'status: introduced' ? 'status: adopted' : line));
    const lines = after.split('\n');
    let at = 0;
    for (const line of kept) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }
    const added = lines.filter((line) => !kept.includes(line));
    expect(added).toEqual(['  passed: "2025-02-04"', '  approved: "2025-02-10"', 'number: "190001"', 'vote:', '  ayes: 12', '  noes: 1']);
    expect((await runMain(['check', 'ordinance'], dir)).code).toBe(0);

    const lock = JSON.parse(readFileSync(path.join(sample, 'ordinance.lock.json'), 'utf8')) as Record<string, Record<string, string>> & { lock: number };
    expect(Object.keys(lock)).toEqual(['lock', 'slug', 'number', 'adopted', 'tool', 'build', 'fonts', 'sources', 'outputs']);
    expect(lock.lock).toBe(1);
    expect(lock.number).toBe('190001');
    expect(lock.adopted).toBe('2025-02-04');
    expect(lock.tool!.name).toBe('ordinance-pipeline');
    expect(lock.sources!['ordinance.md']).toBe(sha256(after));
    expect(lock.sources!['02-records.md']).toBe(sha256(readFileSync(path.join(sample, '02-records.md'))));
    expect(Object.keys(lock.outputs!)).toEqual(expect.arrayContaining(['sample.pdf', 'summary.md']));
    expect(lock.outputs!['sample.pdf']).toBe(sha256(readFileSync(path.join(dir, 'dist', 'sample', 'sample.pdf'))));
    expect(Object.keys(lock.fonts!).length).toBeGreaterThan(0);
    commit(dir, 'Adopted as Ordinance No. 190001', '2025-02-04T18:00:00Z');
  });

  it('verifies: after the commit, a rebuild gives the bytes the lock records', async () => {
    const result = await runMain(['verify'], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('verified ordinance/sample: No. 190001');
    // And so does a build, from another commit later: the final is built with the lock's date and commit.
    const out = tempDir();
    const built = await runMain(['build', 'ordinance', '--out', out], dir);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(sample, 'ordinance.lock.json'), 'utf8')) as { outputs: Record<string, string> };
    expect(sha256(readFileSync(path.join(out, 'sample', 'sample.pdf')))).toBe(lock.outputs['sample.pdf']);
  });

  it('diff from the introduced version to the adopted one lists the adoption by name; its redline is a valid PDF/A-1b, as the adopted ordinance is', async () => {
    const result = await runMain(['diff', 'HEAD~1..HEAD', '--format', 'md'], dir);
    expect(result.stdout).toContain('| status | introduced | adopted |');
    expect(result.stdout).toContain('| dates.passed |  | 2025-02-04 |');
    expect(result.stdout).toContain('| vote.ayes |  | 12 |');
    const out = tempDir();
    expect((await runMain(['diff', 'HEAD~1..HEAD', '--out', out], dir)).code).toBe(0);
    const { valid, output } = preflight(path.join(out, 'sample', 'redline.pdf'));
    expect(valid, output).toBe(true);
  });

  it('reports an edit to the adopted text at its line, saying to amend it by a new ordinance; adopt again is refused', async () => {
    const file = path.join(sample, '02-records.md');
    edit(file, '(2) the place.', '(2) the place and the reason.');
    try {
      const check = await runMain(['check', 'ordinance'], dir);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(
        'ordinance/sample/02-records.md:15:1: error Unexpected edit to the adopted text (it read `(2) the place.`), expected the text as adopted: amend ordinance No. 190001 (adopted 2025-02-04) by a new ordinance instead [final-edited]',
      );
      const verify = await runMain(['verify'], dir);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain('[final-edited]');
      const out = tempDir();
      expect((await runMain(['build', 'ordinance', '--out', out], dir)).code).toBe(1);
      const again = await runMain(['adopt', 'sample', '--number', '190002', '--passed', '2025-03-04', '--vote', '12-1'], dir);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already adopted');
    } finally {
      git(dir, 'checkout', '-q', '--', '.');
    }
  });

  it('reports a lock whose outputs no longer match at the entry, and a lock that does not read at its place', async () => {
    const file = path.join(sample, 'ordinance.lock.json');
    const text = readFileSync(file, 'utf8');
    try {
      // The recorded sha256 of the PDF, one digit changed.
      writeFileSync(
        file,
        text.replace(/("sample\.pdf": ")([0-9a-f])/, (_, key: string, digit: string) => `${key}${digit === '0' ? '1' : '0'}`),
      );
      const line = text.split('\n').findIndex((l) => l.includes('"sample.pdf"')) + 1;
      const tampered = await runMain(['check', 'ordinance'], dir);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(`ordinance/sample/ordinance.lock.json:${line}:5: error Unexpected output: \`sample.pdf\` rebuilt differs from the adopted final`);
      writeFileSync(file, text.replace('"lock": 1', '"lock": 2'));
      const broken = await runMain(['check', 'ordinance'], dir);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('ordinance/sample/ordinance.lock.json:2:11: error Unexpected number `2` for `lock`, expected `1` [final-lock]');
    } finally {
      writeFileSync(file, text);
    }
  });
  it('reports a commit too long to print at its place, in verify and build, never as an internal error', async () => {
    const file = path.join(sample, 'ordinance.lock.json');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"commit"')) + 1;
    try {
      for (const [length, message] of [
        [100_000, 'Unexpected text of 100000 characters, expected at most 1024 [final-lock]'],
        [200, `Unexpected text \`${'a'.repeat(40)}…\` for \`build.commit\`, expected a commit of at most 100 characters (or \`null\`) [final-lock]`],
      ] as const) {
        writeFileSync(file, text.replace(/"commit": (?:"[^"]*"|null)/, `"commit": "${'a'.repeat(length)}"`));
        for (const args of [['verify'], ['build', 'ordinance', '--out', tempDir()]]) {
          const result = await runMain(args, dir);
          expect(result.stderr).not.toContain('internal error');
          expect(result.code).toBe(1);
          expect(result.stdout).toContain(`ordinance/sample/ordinance.lock.json:${line}:15: error ${message}`);
        }
      }
    } finally {
      writeFileSync(file, text);
    }
  });
});

describe('a final takes effect later', () => {
  it('records the date it took effect with adopt --effective, writing the lock anew; the rest of its adoption stays', async () => {
    const file = path.join(sample, 'ordinance.md');
    const before = readFileSync(file, 'utf8');
    const refused = await runMain(['adopt', 'sample', '--number', '190002', '--passed', '2025-03-04', '--vote', '12-1'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already adopted as No. 190001');
    const result = await runMain(['adopt', 'sample', '--effective', '2025-03-06'], dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('recorded effective sample as No. 190001');
    expect(readFileSync(file, 'utf8')).toBe(
      before.replace('status: adopted', 'status: effective').replace('  approved: "2025-02-10"\n', '  approved: "2025-02-10"\n  effective: "2025-03-06"\n'),
    );
    const lock = JSON.parse(readFileSync(path.join(sample, 'ordinance.lock.json'), 'utf8')) as { number: string; adopted: string; sources: Record<string, string> };
    expect([lock.number, lock.adopted]).toEqual(['190001', '2025-02-04']);
    expect(lock.sources['ordinance.md']).toBe(sha256(readFileSync(file)));
    commit(dir, 'Effective', '2025-03-06T12:00:00Z');
    expect((await runMain(['verify'], dir)).code).toBe(0);
    expect(await runMain(['check', 'ordinance'], dir)).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('status-lifecycle against the git history', () => {
  let ws: string;
  let file: string;

  beforeAll(() => {
    ws = workspace();
    file = path.join(ws, 'ordinance', 'sample', 'ordinance.md');
    git(ws, 'init', '-q');
    commit(ws, 'Draft', '2025-01-02T10:00:00Z');
    edit(file, 'status: draft', 'status: introduced');
    commit(ws, 'Introduced', '2025-01-07T10:00:00Z');
  });

  it('accepts the history as it stands', async () => {
    expect(await runMain(['check', 'ordinance'], ws)).toMatchObject({ code: 0, stdout: '' });
  });

  it('reports a status that goes back, at `status:`, naming the commit where it stood further', async () => {
    edit(file, 'status: introduced', 'status: draft');
    try {
      const result = await runMain(['check', 'ordinance'], ws);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^ordinance\/sample\/ordinance\.md:5:9: error Unexpected status `draft` after `introduced` \(commit [0-9a-f]{7} of 2025-01-07\), expected the status to move forward only: .* \[status-lifecycle\]$/m,
      );
    } finally {
      git(ws, 'checkout', '-q', '--', '.');
    }
  });

  it('reports a change to the introduced text without a new version at `version:`, and accepts it with one; a summary may change freely', async () => {
    const records = path.join(ws, 'ordinance', 'sample', '02-records.md');
    edit(records, '(1) the date; and', '(1) the date and time; and');
    try {
      const result = await runMain(['check', 'ordinance'], ws);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^ordinance\/sample\/ordinance\.md:6:10: error Unexpected change to the text of version 1 since it was introduced \(commit [0-9a-f]{7} of 2025-01-07\), expected a new `version` for the changed text \[status-lifecycle\]$/m,
      );
      edit(file, 'version: 1', 'version: 2');
      expect(await runMain(['check', 'ordinance'], ws)).toMatchObject({ code: 0, stdout: '' });
    } finally {
      git(ws, 'checkout', '-q', '--', '.');
    }
    edit(records, 'summary: "Police must write down each stop they make."', 'summary: "Police must write down every stop."');
    try {
      expect(await runMain(['check', 'ordinance'], ws)).toMatchObject({ code: 0, stdout: '' });
    } finally {
      git(ws, 'checkout', '-q', '--', '.');
    }
  });

  it('reports a status after an end (withdrawn)', () => {
    edit(file, 'status: introduced', 'status: withdrawn');
    commit(ws, 'Withdrawn', '2025-01-20T10:00:00Z');
    edit(file, 'status: withdrawn', 'status: introduced');
    try {
      // A process reads a folder's history once: the commit made here is seen by a fresh one, as a user's next check is.
      const result = runCli(['check', 'ordinance'], ws);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/Unexpected status `introduced` after `withdrawn` \(commit [0-9a-f]{7} of 2025-01-20\), expected it to stay `withdrawn`/);
    } finally {
      git(ws, 'checkout', '-q', '--', '.');
    }
  });
});
