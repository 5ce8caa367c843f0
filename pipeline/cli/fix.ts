/**
 * `check --fix`: each finding that has one fix, and only one, written into
 * its file (the same edit the editor's quick fix makes, editor/fixes.ts).
 * The sources of an adopted ordinance are never touched: its words are law,
 * changed only by another ordinance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { applyEdits, automaticEdits } from '../editor/fixes.js';
import { writeAtomically } from '../outputs/dist.js';
import { collectDiagnostics, type Diagnostic } from '../report/diagnostics.js';
import { inAdoptedOrdinance } from '../history/final.js';

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
