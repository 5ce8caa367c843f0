/**
 * `check --fix`: each finding that has one fix, and only one, written into
 * its file (the same edit the editor's quick fix makes, editor/fixes.ts).
 * The sources of an adopted ordinance are never touched: its words are law,
 * changed only by another ordinance.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { applyEdits, automaticEdits } from '../editor/fixes.js';
import { CODE_FILE, LOCK_FILE, ORDINANCE_FILE } from '../model/workspace.js';
import { writeAtomically } from '../outputs/dist.js';
import { collectDiagnostics, type Diagnostic } from '../report/diagnostics.js';

/** Whether `file` is a source of an adopted ordinance: its folder holds the lock of a final, or its front matter says adopted or in effect. */
export function inAdoptedOrdinance(file: string): boolean {
  for (let dir = path.dirname(path.resolve(file)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, LOCK_FILE))) return true;
    const metadata = [ORDINANCE_FILE, CODE_FILE].map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate));
    if (metadata) return /^status:\s*["']?(adopted|effective)\b/m.test(readFileSync(metadata, 'utf8').split(/^---\s*$/m)[1] ?? '');
  }
  return false;
}

/** What --fix did: the findings fixed, the files written, and the files of adopted ordinances left as they are. */
export interface FixesMade {
  fixed: number;
  files: string[];
  adopted: string[];
}

/** Write the fixes of the findings on `files`; returns what was done. */
export async function writeFixes(files: readonly VFile[]): Promise<FixesMade> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const finding of collectDiagnostics(files)) if (finding.fix?.expected.length === 1) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const made: FixesMade = { fixed: 0, files: [], adopted: [] };
  for (const [file, findings] of byFile) {
    if (inAdoptedOrdinance(file)) {
      made.adopted.push(file);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const edits = automaticEdits(text, findings);
    if (edits.length === 0) continue;
    await writeAtomically(path.dirname(file), path.basename(file), applyEdits(text, edits));
    made.fixed += edits.length;
    made.files.push(file);
  }
  return made;
}
