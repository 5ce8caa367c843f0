/**
 * Only what changed, across machines: `--changed-since <rev>` on a git history
 * made in the test, and `--shard i/n` (the parts cover the workspace exactly
 * once, balanced by size, the same on every machine).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, partition } from '../pipeline/select/shard.js';
import { FIXTURES, laSampleCopy, runCli } from './helpers.js';
import { runMain } from './in-process.js';

/** The shipped sample and two copies of the base fixture's ordinance (one made longer), in a git repository with one commit. */
function repository(): string {
  const dir = laSampleCopy();
  for (const slug of ['stop-records', 'stop-records-long']) cpSync(path.join(FIXTURES, 'base', 'ordinance', 'sample'), path.join(dir, 'ordinance', slug), { recursive: true });
  appendFileSync(path.join(dir, 'ordinance', 'stop-records-long', '03-severability.md'), `\n${'The records are public. '.repeat(40)}\n`);
  cpSync(path.join(FIXTURES, 'base', 'ordinance', 'directives', 'example-order.md'), path.join(dir, 'ordinance', 'directives', 'example-order.md'));
  git(dir, 'init', '-q');
  commit(dir, 'the workspace');
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' },
  });
}

/** Commit everything, even nothing (a section edited and put back changes no file). */
function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

/** The `changed …` and `skipped …` lines of a run, as [folder, what] pairs in the order printed. */
function selection(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^(changed|skipped) /.test(line));
}

describe('--changed-since', () => {
  it('checks and builds only the ordinances whose inputs changed since a revision, and says what it skipped', async () => {
    const dir = repository();
    const all = ['la-sanctuary-city', 'stop-records', 'stop-records-long'];

    // Nothing changed: every folder skipped, nothing checked.
    let run = await runMain(['check', 'ordinance', '--changed-since', 'HEAD'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(selection(run.stderr)).toEqual(all.map((slug) => `skipped ordinance/${slug}: unchanged since HEAD`));

    // A section edited in the working tree (with a mistake): that ordinance only, and its finding.
    const records = path.join(dir, 'ordinance', 'stop-records', '02-records.md');
    writeFileSync(records, readFileSync(records, 'utf8').replace('(b)', '(c)'));
    run = await runMain(['check', 'ordinance', '--changed-since', 'HEAD'], dir);
    expect(run.code).toBe(1);
    expect(selection(run.stderr)).toEqual([
      'changed ordinance/stop-records: its sources changed',
      'skipped ordinance/la-sanctuary-city: unchanged since HEAD',
      'skipped ordinance/stop-records-long: unchanged since HEAD',
    ]);
    expect(run.stdout).toContain('ordinance/stop-records/02-records.md:');
    expect(run.stdout).not.toContain('stop-records-long');
    writeFileSync(records, readFileSync(records, 'utf8').replace('(c)', '(b)'));
    commit(dir, 'a section edited and put back');

    // A registry entry's text, committed: exactly the ordinances that cite it; build builds only those.
    appendFileSync(path.join(dir, 'ordinance', 'directives', 'example-order.md'), '\nA further sentence of its digest.\n');
    commit(dir, 'an entry of the registry edited');
    run = await runMain(['build', 'ordinance', '--out', 'out', '--changed-since', 'HEAD~1'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(run.code, run.stderr).toBe(0);
    expect(selection(run.stderr)).toEqual([
      'changed ordinance/stop-records: registry entry `example-order` changed',
      'changed ordinance/stop-records-long: registry entry `example-order` changed',
      'skipped ordinance/la-sanctuary-city: unchanged since HEAD~1',
    ]);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['directives.json', 'stop-records', 'stop-records-long']);

    // Since the first commit: the same, a range of commits read as one change.
    expect(selection((await runMain(['check', 'ordinance', '--changed-since', 'HEAD~2'], dir)).stderr)).toHaveLength(3);

    // A new entry with a citation form any ordinance's prose may use, untracked: every ordinance.
    writeFileSync(
      path.join(dir, 'ordinance', 'directives', 'other-order.md'),
      '---\nid: other-order\ncited-as:\n  - "Other Order 9"\ntitle: "Other Order No. 9"\nkind: special-order\nissuer: "Chief of Police"\ndates:\n  issued: "1991-01-02"\nstatus: in-force\n---\nOther Order 9 says officers file reports.\n',
    );
    run = await runMain(['check', 'ordinance', '--changed-since', 'HEAD'], dir);
    expect(selection(run.stderr)).toEqual(
      all.map((slug) => `changed ordinance/${slug}: registry entry \`other-order\` was added, removed or renamed, or its forms or title changed`),
    );
    commit(dir, 'an entry added');

    // The configuration: every ordinance.
    const config = JSON.parse(readFileSync(path.join(dir, 'ordinance.config.json'), 'utf8')) as { rules: Record<string, unknown> };
    config.rules['vague-terms'] = { options: { allow: ['reasonable suspicion'] } };
    writeFileSync(path.join(dir, 'ordinance.config.json'), JSON.stringify(config));
    expect(selection((await runMain(['check', 'ordinance', '--changed-since', 'HEAD'], dir)).stderr)).toEqual(
      all.map((slug) => `changed ordinance/${slug}: the configuration changed`),
    );
  });

  it('is a usage error for a revision git does not know, or sources outside git', () => {
    const dir = repository();
    const unknown = runCli(['check', 'ordinance', '--changed-since', 'no-such-rev'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--changed-since: unknown revision `no-such-rev`');
    const outside = laSampleCopy();
    const run = runCli(['check', 'ordinance', '--changed-since', 'HEAD'], outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--changed-since needs the sources in a git repository');
  });
});

describe('--shard', () => {
  it('deals folders into parts that cover all of them once, balanced by size, in any order given', () => {
    const folder = fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), size: fc.nat({ max: 10_000 }) });
    fc.assert(
      fc.property(fc.uniqueArray(folder, { selector: (f) => f.name, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (named, count) => {
        const folders = named.map((f) => ({ dir: path.join('/w', f.name), size: f.size }));
        const parts = partition(folders, count, '/w');
        // Every folder in exactly one part, from 1 to count.
        expect([...parts.keys()].sort()).toEqual(folders.map((f) => f.dir).sort());
        for (const part of parts.values()) expect(part >= 1 && part <= count).toBe(true);
        // The same parts whatever the order the folders come in.
        expect(partition([...folders].reverse(), count, '/w')).toEqual(parts);
        // Balanced: no two parts differ by more than the largest folder.
        const loads = Array<number>(count).fill(0);
        for (const f of folders) loads[parts.get(f.dir)! - 1]! += f.size;
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(0, ...folders.map((f) => f.size)));
      }),
    );
  });

  it('builds every ordinance once across the parts, and refuses a part that is not one', async () => {
    const dir = repository();
    const built: string[] = [];
    for (const part of ['1/2', '2/2']) {
      const run = await runMain(['build', 'ordinance', '--out', `out-${part[0]}`, '--shard', part], dir, { SOURCE_DATE_EPOCH: '1700000000' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`^shard ${part}: \\d of 3 ordinance folders`, 'm'));
      const slugs = readdirSync(path.join(dir, `out-${part[0]}`)).filter((n) => n !== 'directives.json');
      expect(slugs.length).toBeGreaterThan(0);
      built.push(...slugs);
    }
    expect(built.sort()).toEqual(['la-sanctuary-city', 'stop-records', 'stop-records-long']);
    // The same part on another run is the same folders.
    const again = await runMain(['check', 'ordinance', '--shard', '1/2'], dir);
    expect(again.stderr).toMatch(/^shard 1\/2: /m);
    for (const bad of ['0/2', '3/2', '2', 'a/b']) {
      const run = runCli(['check', 'ordinance', '--shard', bad], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--shard takes i/n with 1 ≤ i ≤ n (such as 2/4), not \`${bad}\``);
    }
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
  });
});
