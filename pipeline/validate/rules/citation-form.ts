import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const shapes = new Map<string, RegExp>();

/** "Executive Directive No. 20" → /^Executive\s+Directive\s+No\.\s+(\d+)$/: the form with its numbers open (made once per form: a code title cites thousands of times). */
function numberShape(form: string): RegExp {
  let shape = shapes.get(form);
  if (!shape) {
    shape = new RegExp(`^${escapeRegExp(form).replace(/\d+/g, '(\\d+)').replace(/\s+/g, '\\s+')}$`);
    shapes.set(form, shape);
  }
  return shape;
}

/**
 * The words of an annotated citation must not contradict the registry: a
 * number ("Executive Directive No. 21" pointed at No. 20) or a quoted title
 * ("Standing with Refugees" for "Standing with Immigrants") the registry
 * does not give.
 */
const rule: Rule = {
  id: 'citation-form',
  description: 'The number and title written in a citation match the registry',
  defaultSeverity: 'warning',
  check({ ordinance }, report) {
    for (const citation of ordinance.citations) {
      const directive = citation.directive;
      if (!directive || citation.detected || citation.children.length === 0) continue;
      const words = citation.children
        .map((c) => (c.type === 'text' ? c.value : ''))
        .join('')
        .trim();
      const forms = directive.meta['cited-as'];
      const related = () => ({ file: directive.file, place: placeOf(directive.file, 'cited-as') ?? { line: 1, column: 1 }, message: 'citation forms registered' });
      if (!forms.includes(words)) {
        // Same shape as a registered form, other numbers: the number is wrong.
        for (const form of forms) {
          const shape = numberShape(form);
          const written = shape.exec(words);
          const registered = shape.exec(form);
          if (!written || !registered) continue;
          const differing = written.slice(1).findIndex((n, i) => n !== registered[i + 1]);
          if (differing < 0) continue;
          report(
            citation.source.file,
            `Unexpected number ${written[differing + 1]} in \`${words}\` for \`${directive.meta.id}\`, expected ${registered[differing + 1]} (\`${form}\`)`,
            citation.source.position,
            // The words as the registry writes this form: what a fix puts in their place.
            { related: related(), fix: { actual: words, expected: [form] } },
          );
          break;
        }
      }
      // A citation by title: its words are a quoted title, which must be the registry's (not merely one of its forms).
      const quoted = /^[“"]([^”"]{4,})[”"]$/.exec(words)?.[1];
      if (quoted && !directive.meta.title.toLowerCase().includes(quoted.toLowerCase()) && !forms.some((f) => f.toLowerCase().includes(quoted.toLowerCase()))) {
        report(citation.source.file, `Unexpected title “${quoted}” for \`${directive.meta.id}\`, expected “${directive.meta.title}”`, citation.source.position, {
          related: { file: directive.file, place: placeOf(directive.file, 'title') ?? related().place, message: 'title registered' },
          fix: { actual: quoted, expected: [directive.meta.title] },
        });
      }
    }
  },
};
export default rule;
