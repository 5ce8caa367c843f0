/** What the hostile-input suite reads back from a run: findings, snapshots of the workspace, the words of sources and PDFs. */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from './helpers.js';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  ruleId: string;
}

/** Every file below `dir` but `skip`, with its size and modification time. */
export function snapshot(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, file);
    if (skip.some((s) => rel === s || rel.startsWith(`${s}${path.sep}`))) continue;
    const stat = statSync(file, { throwIfNoEntry: false });
    out.push(`${rel} ${entry.isSymbolicLink() ? 'link' : (stat?.size ?? '-')} ${stat?.mtimeMs ?? '-'}`);
  }
  return out.sort();
}

/** The run's findings, parsed from `--format json`. */
export function findings(result: CliResult): Diagnostic[] {
  return result.stdout.trim() ? (JSON.parse(result.stdout) as Diagnostic[]) : [];
}

/** No internal error and no stack trace, whatever the exit code. */
export function expectNoCrash(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^ordinance: internal error|please report it/m);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

/** The words a source's body prints: its text without front matter, annotation names and attributes, link targets and comments. */
export function sourceWords(text: string): string[] {
  const body = text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const printed = body
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/:note\[[^\]]*\]/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/(^|\s|\[):{1,3}[a-z]+/g, ' ');
  return printed.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A PDF's text as pdftotext reads it, normalized (NFKC) and without white space: what words are looked up in. */
export function pdfWords(file: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed on ${file}: ${result.stderr}`);
  return result.stdout.normalize('NFKC').replace(/\s+/g, '');
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  // qpdf exits 3 for warnings: a PDF with warnings is not one we accept.
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
