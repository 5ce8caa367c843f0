import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';
import { vocabularyOf } from '../../template/vocabulary.js';

/**
 * A vote the front matter records fits the body that cast it: no more ayes
 * and noes than it has members, and, once adopted, more ayes than noes and at
 * least the ayes its kind of ordinance needs (the template's `votes`).
 */
const rule: Rule = {
  id: 'vote-count',
  description: 'A recorded vote fits the body: no more votes than members, and the ayes an adopted ordinance needs',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    const { vote, status, urgency } = ordinance.meta;
    if (!vote) return;
    const { ayes, noes } = vote;
    const { document, legislativeBody } = vocabularyOf(jurisdiction);
    const votes = jurisdiction?.votes;
    const shown = `${ayes}-${noes}`;
    if (votes && ayes + noes > votes.members) {
      report(
        ordinance.file,
        `Unexpected vote ${shown}: ${ayes + noes} votes, expected at most ${votes.members}, the members of ${legislativeBody}`,
        placeOf(ordinance.file, 'vote'),
      );
      return;
    }
    if (status !== 'adopted' && status !== 'effective') return;
    const needed = votes ? (urgency ? votes.urgency : votes.regular) : undefined;
    const words = urgency ? jurisdiction?.voteRequired?.urgency : jurisdiction?.voteRequired?.regular;
    if (needed !== undefined && ayes < needed) {
      report(
        ordinance.file,
        `Unexpected vote ${shown} for an ${status} ${urgency ? 'urgency ' : ''}${document}: ${ayes} ayes, expected at least ${needed}${words ? ` (${words})` : ''}`,
        placeOf(ordinance.file, 'vote.ayes'),
      );
    } else if (ayes <= noes) {
      report(ordinance.file, `Unexpected vote ${shown} for an ${status} ${document}, expected more ayes than noes`, placeOf(ordinance.file, 'vote.ayes'));
    }
  },
};
export default rule;
