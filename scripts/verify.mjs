// `npm run verify [-- paths...]`: build every ordinance or code title found
// under the paths (default: ordinance/), one at a time, and check both
// invariants of the build on each PDF (pipeline/verify/): the printed words
// are the source's, and no text overlaps or leaves its place. Prints per
// document the sections compared, word mismatches, geometry problems
// (overlaps among them) and the time it took; with --details, each problem.
// Exit 1 when anything is found. Needs the compiled pipeline (npm run compile).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverWorkspaces } from '../lib/load/sources.js';
import { describeReport, verifyWorkspace } from '../lib/readback/verify.js';

const args = process.argv.slice(2);
const details = args.includes('--details');
const paths = args.filter((a) => a !== '--details');
const workspaces = discoverWorkspaces(paths.length > 0 ? paths : ['ordinance']);
const out = mkdtempSync(path.join(tmpdir(), 'ordinance-verify-'));
const totals = { documents: 0, pages: 0, sections: 0, words: 0, overlaps: 0, geometry: 0, notBuilt: 0 };
const started = performance.now();
const row = (...cells) => console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(34) : String(c).padStart(9))).join(' '));
row('document', 'pages', 'sections', 'words', 'overlaps', 'geometry', 'seconds');
try {
  for (const workspace of workspaces) {
    await verifyWorkspace({ ...workspace, ordinances: [...workspace.ordinances].sort() }, out, (document, seconds) => {
      if (typeof document === 'string') {
        totals.notBuilt++;
        console.log(`not built: ${document} (${seconds.toFixed(1)} s)`);
        return;
      }
      const overlaps = document.geometry.filter((p) => p.kind === 'overlap').length;
      totals.documents++;
      totals.pages += document.pages;
      totals.sections += document.sections;
      totals.words += document.words.length;
      totals.overlaps += overlaps;
      totals.geometry += document.geometry.length;
      row(document.slug, document.pages, document.sections, document.words.length, overlaps, document.geometry.length, seconds.toFixed(1));
      if (details) for (const line of describeReport(document)) console.log(`  ${line}`);
      // Only the report is kept: the next document's outputs take the place of this one's.
      rmSync(path.dirname(document.pdf), { recursive: true, force: true });
    });
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
row('total', totals.pages, totals.sections, totals.words, totals.overlaps, totals.geometry, ((performance.now() - started) / 1000).toFixed(1));
if (totals.notBuilt > 0) console.log(`${totals.notBuilt} not built (errors in their sources: run ordinance check)`);
process.exitCode = totals.words + totals.geometry + totals.notBuilt > 0 ? 1 : 0;
