import type { Rule } from '../rule.js';
import { inlineNodes, matches } from '../text.js';

/** "a draft", "an introduced": the status with its article. */
function status(value: string): string {
  return `${/^[aeiou]/.test(value) ? 'an' : 'a'} ${value}`;
}

/** TODO and TBD mark unfinished text: fine in a draft, blocking once it is before the Council. */
const rule: Rule = {
  id: 'placeholder',
  description: 'No placeholders (TODO, TBD, FIXME, :tbd) once beyond draft',
  defaultSeverity: 'error',
  byStatus: { draft: 'warning' },
  check({ ordinance }, report) {
    for (const { run, position, match } of matches(ordinance, /\b(?:TODO|TBD|FIXME)\b/g)) {
      report(run.file, `Unexpected placeholder \`${match[0]}\` in ${status(ordinance.meta.status)} ordinance, expected the final text`, position);
    }
    for (const section of [{ file: ordinance.file, blocks: ordinance.preamble }, ...ordinance.sections]) {
      for (const node of inlineNodes(section.blocks)) {
        if (node.type !== 'placeholder') continue;
        report(node.source.file, `Unexpected placeholder \`:tbd[${node.description}]\` in ${status(ordinance.meta.status)} ordinance, expected the fact`, node.source.position);
      }
    }
    for (const [key, place] of ordinance.file.data.frontMatterPlaces ?? []) {
      const start = place.start.offset;
      const end = place.end.offset;
      const text = start !== undefined && end !== undefined ? String(ordinance.file.value).slice(start, end) : '';
      if (/\[TBD\b|\bTODO\b/.test(text)) report(ordinance.file, `Unexpected placeholder in \`${key}\` of ${status(ordinance.meta.status)} ordinance, expected the fact`, place);
    }
  },
};
export default rule;
