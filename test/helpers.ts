import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BIN = path.join(ROOT, 'bin', 'ordinance.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the compiled `ordinance` CLI as a user would. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch: string[] = [];
// Registered at module level, so it runs after each test file that uses these helpers
// (vitest evaluates this module once per file).
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder, removed after the test file. */
export function tempDir(prefix = 'ordinance-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A scratch workspace holding one imported-style code title of the District (`code.md` and an empty registry), for sections a test writes into `title`. */
export function codeTitleWorkspace(slug: string, designation: string): { dir: string; title: string } {
  const dir = tempDir();
  const title = path.join(dir, 'ordinance', slug);
  mkdirSync(path.join(dir, 'ordinance', 'directives'), { recursive: true });
  mkdirSync(title, { recursive: true });
  writeFileSync(
    path.join(title, 'code.md'),
    `---\ntype: code-title\ntitle: Title ${designation}. Test.\nshort-title: Test Title ${designation}\ndesignation: "${designation}"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n`,
  );
  return { dir, title };
}

/** A scratch workspace: the base fixture, with a case's files laid over it. */
export function workspace(overlay?: string): string {
  const dir = tempDir();
  cpSync(path.join(FIXTURES, 'base', 'ordinance'), path.join(dir, 'ordinance'), { recursive: true });
  if (overlay && existsSync(path.join(overlay, 'ordinance'))) cpSync(path.join(overlay, 'ordinance'), path.join(dir, 'ordinance'), { recursive: true });
  return dir;
}

/** A scratch copy of the shipped ordinances, registry and project configuration. */
export function sampleCopy(only?: readonly string[]): string {
  const dir = tempDir();
  cpSync(path.join(ROOT, 'ordinance'), path.join(dir, 'ordinance'), { recursive: true });
  cpSync(path.join(ROOT, 'ordinance.config.json'), path.join(dir, 'ordinance.config.json'));
  // Only these ordinances (the registry and the guide stay): a test about one council's sample need not follow every shipped example.
  if (only)
    for (const entry of readdirSync(path.join(dir, 'ordinance'), { withFileTypes: true }))
      if (entry.isDirectory() && entry.name !== 'directives' && !only.includes(entry.name)) rmSync(path.join(dir, 'ordinance', entry.name), { recursive: true });
  return dir;
}

/** The shipped Los Angeles ordinance alone, with the registry: the sample the tests of a workspace's runs use. */
export function laSampleCopy(): string {
  return sampleCopy(['la-sanctuary-city']);
}

export function caseNames(folder: string): string[] {
  return readdirSync(path.join(FIXTURES, folder), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Every file below `dir` (hidden ones too) with its bytes, by relative path, in order: to compare two outputs byte for byte. */
export function filesBelow(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Three ordinances of two jurisdictions: the shipped Los Angeles sample, the
 * base fixture's ordinance beside it as `second` (with its directive) and a
 * D.C. code title, `title-97`.
 */
export function threeOrdinances(second = 'sample'): string {
  const dir = laSampleCopy();
  cpSync(path.join(FIXTURES, 'base', 'ordinance', 'sample'), path.join(dir, 'ordinance', second), { recursive: true });
  cpSync(path.join(FIXTURES, 'base', 'ordinance', 'directives', 'example-order.md'), path.join(dir, 'ordinance', 'directives', 'example-order.md'));
  const { title } = codeTitleWorkspace('title-97', '97');
  cpSync(title, path.join(dir, 'ordinance', 'title-97'), { recursive: true });
  writeFileSync(
    path.join(dir, 'ordinance', 'title-97', '00001-97-101.md'),
    '---\nid: 97-101\nnumber: 97-101\nheading: Records.\nkind: code-section\n---\nRecords shall be kept.\n',
  );
  return dir;
}

/** A CLI run (a process of its own) that is killed with SIGKILL `killAfter` ms after it starts, or runs to its end when that is null. */
export function killableRun(args: string[], cwd: string): (killAfter: number | null) => Promise<void> {
  return (killAfter) =>
    new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore' });
      const timer = killAfter === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfter);
      child.on('exit', () => {
        if (timer) clearTimeout(timer);
        resolve();
      });
    });
}

/**
 * Just over the 400 source files from which folders are shared among workers,
 * in few folders (few documents to render): four code titles of 100 one-line
 * sections and the base fixture's ordinance, with a registry that has a
 * finding of its own.
 */
export function largeWorkspace(): string {
  const dir = tempDir();
  const ordinance = path.join(dir, 'ordinance');
  cpSync(path.join(FIXTURES, 'base', 'ordinance'), ordinance, { recursive: true });
  for (const designation of ['91', '92', '93', '94']) {
    const title = path.join(ordinance, `title-${designation}`);
    mkdirSync(title);
    writeFileSync(
      path.join(title, 'code.md'),
      `---\ntype: code-title\ntitle: Title ${designation}. Test.\nshort-title: Test Title ${designation}\ndesignation: "${designation}"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n`,
    );
    for (let i = 1; i <= 100; i++) {
      const number = `${designation}-${100 + i}`;
      writeFileSync(
        path.join(title, `${String(i).padStart(5, '0')}-${number}.md`),
        `---\nid: ${number}\nnumber: ${number}\nheading: Records ${i}.\nkind: code-section\n---\nRecords of kind ${i} shall be kept.\n`,
      );
    }
  }
  const order = path.join(ordinance, 'directives', 'example-order.md');
  writeFileSync(order, readFileSync(order, 'utf8').replace(/^id: (.*)$/m, 'id: $1\nrelations:\n  supersedes: [no-such-order]'));
  return dir;
}
