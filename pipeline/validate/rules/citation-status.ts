import { Type } from 'typebox';
import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

const NOT_IN_FORCE = new Set(['superseded', 'repealed', 'expired']);

/**
 * Citing a directive that is no longer in force is fine when the text says
 * so ("former Special Order 40", "repealed", "as in effect on") or when this
 * ordinance is what supersedes or repeals it; otherwise the reader is sent
 * to dead law.
 */
const options = Type.Object(
  { words: Type.Array(Type.String({ minLength: 1 }), { description: 'Words that say, in the citing sentence, that the directive is no longer in force.' }) },
  { additionalProperties: false },
);

const rule: Rule<typeof options> = {
  id: 'citation-status',
  description: 'A citation of a superseded, repealed or expired directive says so',
  defaultSeverity: 'warning',
  options,
  defaultOptions: { words: ['former', 'formerly', 'repealed', 'superseded', 'rescinded', 'expired', 'replaced', 'as in effect', 'as it read', 'prior to its'] },
  check({ ordinance, registry }, report, options) {
    const words = options.words.map((w) => w.toLowerCase());
    const own = new Set([...(ordinance.meta.supersedes ?? []), ...(ordinance.meta.repeals ?? [])]);
    for (const citation of ordinance.citations) {
      const directive = citation.directive;
      const position = citation.source.position;
      if (!directive || !NOT_IN_FORCE.has(directive.meta.status) || own.has(directive.meta.id)) continue;
      if (position?.start.offset === undefined || position.end.offset === undefined) continue;
      // The citation's sentence: from the previous sentence end to the next.
      const text = String(citation.source.file.value);
      const before =
        text
          .slice(Math.max(0, position.start.offset - 200), position.start.offset)
          .split(/[.;]\s/)
          .pop() ?? '';
      const after = text.slice(position.end.offset, position.end.offset + 200).split(/[.;](\s|$)/)[0] ?? '';
      const sentence = `${before} ${text.slice(position.start.offset, position.end.offset)} ${after}`.toLowerCase();
      if (words.some((w) => sentence.includes(w))) continue;
      const by = directive.meta.relations?.['superseded-by']?.map((id) => registry.get(id)?.meta['cited-as'][0] ?? id);
      const when = directive.meta.dates?.superseded ?? directive.meta.dates?.repealed;
      report(
        citation.source.file,
        `Unexpected citation of ${directive.meta.status} \`${directive.meta['cited-as'][0] ?? directive.meta.id}\`${by?.length ? ` (superseded by ${by.map((b) => `\`${b}\``).join(', ')})` : ''}${when ? ` since ${when}` : ''}, expected a directive in force, or words saying it is not ("former", "repealed", "as in effect on …")`,
        position,
        { related: { file: directive.file, place: placeOf(directive.file, 'status') ?? { line: 1, column: 1 }, message: 'status registered' } },
      );
    }
  },
};
export default rule;
