import { textFingerprint } from '../../compare/section-text.js';
import { ENDS, rankOf, type LifecycleState } from '../../model/lifecycle.js';
import { LOCK_FILE } from '../../model/workspace.js';
import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** "a1b2c3d of 2025-01-07". */
function commitName(state: LifecycleState): string {
  return `${state.hash.slice(0, 7)} of ${new Date(state.time * 1000).toISOString().slice(0, 10)}`;
}

const ORDER = 'draft, introduced, adopted, effective (withdrawn or failed end it, before adoption)';

/**
 * Status moves forward only, as git recorded it; the text a version was
 * introduced with does not change without a new version. The runner gathers
 * the history from git (`lifecycle` in the context); the rule reads no git.
 */
const rule: Rule = {
  id: 'status-lifecycle',
  description: 'Status moves forward only, and the introduced text changes only with a new version',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, lifecycle }, report) {
    if (!lifecycle) return;
    const { status, version } = ordinance.meta;
    const statusPlace = placeOf(ordinance.file, 'status');
    // An adopted final (it has a lock) stays adopted or effective, whatever git holds.
    if (lifecycle.locked && rankOf(status) < rankOf('adopted')) {
      report(ordinance.file, `Unexpected status \`${status}\` for an adopted final (it has \`${LOCK_FILE}\`), expected \`adopted\` or \`effective\`: ${ORDER}`, statusPlace);
      return;
    }
    const { history } = lifecycle;
    // A shallow clone holds only the newest commits: what it holds is checked, and the rest is said to be missing, never passed over in silence.
    if (lifecycle.shallow)
      report(
        ordinance.file,
        `Unexpected shallow clone: git holds only the newest ${history.length === 1 ? 'commit' : `${history.length} commits`} of this ordinance's history, so its status is checked against part of it, expected the whole history (\`git fetch --unshallow\`; \`fetch-depth: 0\` in CI)`,
        statusPlace,
        { severity: 'warning' },
      );
    if (history.length === 0) return;
    // The furthest the ordinance went, and an end it reached.
    const furthest = history.reduce<LifecycleState | null>((best, s) => (rankOf(s.status) > (best ? rankOf(best.status) : -1) ? s : best), null);
    const ended = history.findLast((s) => (ENDS as readonly string[]).includes(s.status));
    if (ended && ended.status !== status) {
      report(
        ordinance.file,
        `Unexpected status \`${status}\` after \`${ended.status}\` (commit ${commitName(ended)}), expected it to stay \`${ended.status}\`: ${ORDER}`,
        statusPlace,
      );
    } else if ((ENDS as readonly string[]).includes(status) && furthest && rankOf(furthest.status) >= rankOf('adopted')) {
      report(
        ordinance.file,
        `Unexpected status \`${status}\` after \`${furthest.status}\` (commit ${commitName(furthest)}), expected an adopted ordinance to be repealed by a new one: ${ORDER}`,
        statusPlace,
      );
    } else if (!(ENDS as readonly string[]).includes(status) && furthest && rankOf(status) < rankOf(furthest.status)) {
      report(
        ordinance.file,
        `Unexpected status \`${status}\` after \`${furthest.status}\` (commit ${commitName(furthest)}), expected the status to move forward only: ${ORDER}`,
        statusPlace,
      );
    }
    // The text this version was introduced with: the earliest commit where it stood introduced.
    const introduced = history.find((s) => s.status === 'introduced' && s.version === version);
    if (!introduced) return;
    const then = lifecycle.introduced;
    if (then && textFingerprint(then) !== textFingerprint(ordinance)) {
      report(
        ordinance.file,
        `Unexpected change to the text of version ${version} since it was introduced (commit ${commitName(introduced)}), expected a new \`version\` for the changed text`,
        placeOf(ordinance.file, 'version'),
      );
    }
  },
};
export default rule;
