/**
 * Remark plugin: suppressions written in the source as HTML comments, each
 * naming the rules it silences and why:
 *
 *   <!-- ordinance-disable-next-line vague-terms -- "reasonable suspicion" is the statutory standard -->
 *   <!-- ordinance-disable placeholder -- the council file number is not public yet -->
 *
 * The first covers findings on the next non-blank line, the second the whole
 * file. A suppression without a reason is an error; the engine reports one
 * that suppresses nothing.
 */
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';

export interface Suppression {
  rules: string[];
  scope: 'next-line' | 'file';
  /** For next-line: the line whose findings it covers. */
  line: number;
  reason: string;
  position: Position;
}

declare module 'vfile' {
  interface DataMap {
    suppressions: Suppression[];
  }
}

const PATTERN = /^<!--\s*ordinance-disable(-next-line)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?:--\s*([\s\S]*?))?\s*-->$/;

export default function remarkSuppressions() {
  return (tree: Root, file: VFile) => {
    const suppressions: Suppression[] = [];
    const lines = String(file.value).split('\n');
    visit(tree, 'html', (node) => {
      if (!node.position || !/^<!--\s*ordinance-disable/.test(node.value)) return;
      const match = PATTERN.exec(node.value.trim());
      if (!match) {
        report(
          file,
          'suppression-syntax',
          'Unexpected suppression, expected `<!-- ordinance-disable-next-line rule-id -- reason -->` or `<!-- ordinance-disable rule-id -- reason -->`',
          {
            place: node.position,
          },
        );
        return;
      }
      const reason = (match[3] ?? '').trim();
      if (!reason) {
        report(file, 'suppression-reason', 'Missing reason for suppression, expected `-- why the finding does not apply` before `-->`', { place: node.position });
        return;
      }
      let line = node.position.end.line + 1;
      while (line <= lines.length && !lines[line - 1]!.trim()) line++;
      suppressions.push({
        rules: match[2]!.split(',').map((r) => r.trim()),
        scope: match[1] ? 'next-line' : 'file',
        line,
        reason,
        position: node.position,
      });
    });
    file.data.suppressions = suppressions;
  };
}
