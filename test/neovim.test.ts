/**
 * `ordinance lsp` in Neovim, headless, with its built-in LSP client (issue
 * 30): the drafter opens a section, types a mistaken reference without
 * saving, Neovim shows the finding check would print, the quick fix it
 * offers is applied, and the file saved reads as fixed. The drafter's side
 * is test/neovim/drafter.lua. Neovim is Debian's package `neovim`, which
 * .ci/run installs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, sampleCopy, tempDir } from './helpers.js';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const HAS_NVIM = NVIM.status === 0;

describe.skipIf(!HAS_NVIM)(`in Neovim${HAS_NVIM ? ` (${NVIM.stdout.split('\n')[0]})` : ' (skipped: no `nvim` on the PATH; apt-get install neovim)'}`, () => {
  it('shows the finding of an unsaved mistake, offers its fix, and saves the fixed text', () => {
    const dir = sampleCopy(['la-city-resources', 'la-admin-code']);
    const file = path.join(dir, 'ordinance', 'la-city-resources', '04-scope.md');
    const before = readFileSync(file, 'utf8');
    const out = path.join(tempDir(), 'nvim.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'neovim', 'drafter.lua')}`], {
      cwd: dir,
      env: { ...process.env, ORDINANCE_NVIM_FILE: file, ORDINANCE_NVIM_OUT: out, ORDINANCE_NVIM_SERVER: BIN, ORDINANCE_NVIM_ROOT: dir },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      findings: { line: number; column: number; code: string; message: string; source: string }[];
      actions: string[];
      errors: string[];
    };
    expect(report.errors, run.stderr).toEqual([]);
    expect(run.status).toBe(0);
    // The finding as `ordinance check` prints it: its line and column, rule and message.
    const lines = before.trimEnd().split('\n').length;
    const finding = report.findings.find((f) => f.code === 'section-ref-resolves')!;
    expect(finding).toMatchObject({ source: 'ordinance', line: lines + 2, column: 5 });
    expect(finding.message).toMatch(/Unknown section id `prohibitons`, expected `prohibitions`/);
    expect(report.actions).toEqual([
      'Replace `prohibitons` with `prohibitions`',
      'Suppress `section-ref-resolves` on this line (then write why after `--`)',
      'Suppress `section-ref-resolves` in this file (then write why after `--`)',
    ]);
    // Saved, fixed: the drafter's text with the reference as meant, and checked clean of it.
    expect(readFileSync(file, 'utf8')).toBe(`${before.replace(/\n$/, '')}\n\nSee :ref{to=prohibitions}.\n`);
    const check = spawnSync(process.execPath, [BIN, 'check', 'ordinance/la-city-resources'], { cwd: dir, encoding: 'utf8' });
    expect(check.stdout).not.toContain('section-ref-resolves');
    expect(execFileSync('nvim', ['--version'], { encoding: 'utf8' })).toMatch(/^NVIM v0\.([7-9]|\d\d)|^NVIM v[1-9]/);
  }, 120_000);
});
