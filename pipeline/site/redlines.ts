/**
 * The redline of each version of an ordinance against the version before it,
 * for the site's "Versions" table: `ordinance diff` between the two commits,
 * as its PDF (pipeline/render/pdf/redline.ts), stamped with the later commit's
 * date, so the same history gives the same bytes.
 */
import { GitError } from '../history/git.js';
import { hasChanges } from '../compare/diff.js';
import { compareVersions, registryBeside } from '../history/versions.js';
import { jurisdictionIds, templateOf } from '../load/templates.js';
import type { OrdinanceVersion } from './version-list.js';
import { imageProblem } from '../load/image-files.js';

/** A redline the site publishes: where it goes in the ordinance's folder, and how its bytes are made. */
export interface VersionRedline {
  /** The later version's commit. */
  commit: string;
  /** Relative to the ordinance's folder on the site: `redlines/<commit>.pdf`. */
  file: string;
  render: () => Promise<Buffer>;
}

/**
 * One redline per version that changed something since the version before it
 * (`versions` newest first, as ordinanceVersions gives them). A version that
 * git cannot show, or whose ordinance does not model, has none.
 */
export function versionRedlines(dir: string, versions: readonly OrdinanceVersion[]): VersionRedline[] {
  const out: VersionRedline[] = [];
  if (versions.length < 2) return out;
  const registry = registryBeside(dir);
  for (let i = 0; i + 1 < versions.length; i++) {
    const to = versions[i]!;
    const from = versions[i + 1]!;
    let comparison: ReturnType<typeof compareVersions>;
    try {
      comparison = compareVersions(dir, from.commit, to.commit, registry);
    } catch (error) {
      if (error instanceof GitError) continue;
      throw error;
    }
    const ordinance = comparison.after ?? comparison.before;
    if (!ordinance || !hasChanges(comparison.diff) || !jurisdictionIds().includes(ordinance.meta.jurisdiction)) continue;
    const commit = to.commit;
    out.push({
      commit,
      file: `redlines/${commit.slice(0, 12)}.pdf`,
      render: async () => {
        const { renderRedlinePdf } = await import('../render/pdf/redline.js');
        const provenance = { date: new Date(to.date), commit: commit.slice(0, 7) };
        const name = (v: OrdinanceVersion) => `the version of ${v.date.slice(0, 10)} (${v.commit.slice(0, 7)})`;
        return renderRedlinePdf({ ...comparison, from: name(from), to: name(to) }, templateOf(ordinance.meta), provenance, { imageProblem });
      },
    });
  }
  return out;
}
