import { Type } from 'typebox';
import type { Rule } from '../rule.js';
import { textRuns } from '../prose-runs.js';

const options = Type.Object(
  {
    allow: Type.Array(Type.String({ minLength: 1 }), { description: 'Capitalized names that are not defined terms: offices, bodies, places.' }),
    minUses: Type.Integer({ minimum: 1, description: 'How many times a phrase must recur before it reads as a term.' }),
  },
  { additionalProperties: false },
);

const CONNECTORS = new Set(['of', 'and', 'or', 'for', 'the', 'on', 'in']);

/**
 * A Capitalized Phrase used again and again, mid-sentence, reads as a defined
 * term; if the ordinance defines it nowhere, the reader cannot know what it
 * covers. Names of offices, bodies and places are allowed (option `allow`),
 * as are the citation forms of registered directives.
 */
const rule: Rule<typeof options> = {
  id: 'term-undefined',
  description: 'Capitalized terms used as defined terms are defined',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  options,
  defaultOptions: {
    allow: [
      'City Council',
      'City Attorney',
      'City Clerk',
      'City Charter',
      'City Hall',
      'City of',
      'Police Commission',
      'Police Department',
      'Fire Department',
      'Department Manual',
      'Chief of Police',
      'United States',
      'Government Code',
      'Penal Code',
      'Administrative Code',
      'Municipal Code',
      'Council File',
      'Mayor',
      'County',
      'State of',
      'Airport Police',
      'Port Police',
      'Special Order',
      'Executive Directive',
      'Values Act',
      'TRUST Act',
      'Customs Enforcement',
      'Border Protection',
      'Homeland Security',
      'Los Angeles',
      'San Francisco',
      'Department of',
    ],
    minUses: 2,
  },
  check({ ordinance, registry }, report, { allow, minUses }) {
    if (!ordinance.sections.some((s) => s.kind === 'definitions')) return;
    const defined = ordinance.terms.map((t) => t.term.toLowerCase());
    const names = [...allow, ...registry.all().flatMap((d) => [...d.meta['cited-as'], d.meta.title])].map((n) => n.toLowerCase());
    const isDefined = (phrase: string) => {
      const p = phrase.toLowerCase();
      return defined.some((d) => p === d || p.startsWith(d) || d.startsWith(p.replace(/(?:ies|s)$/, '')) || p.includes(d));
    };
    const isName = (phrase: string) => names.some((n) => phrase.toLowerCase().includes(n) || n.includes(phrase.toLowerCase()));
    const uses = new Map<string, { file: (typeof ordinance.sections)[number]['file']; offset: number }[]>();
    // Two or more capitalized words (connectors allowed between), not at the start of a sentence.
    const pattern = /(?<=[a-z,;:]\s+)[A-Z][a-z]+(?:[- ](?:(?:of|and|or|for|the|on|in)\s)?[A-Z][a-z]+)+/g;
    for (const run of textRuns(ordinance)) {
      if (!run.section || run.section.kind === 'findings' || run.section.kind === 'definitions') continue;
      for (let m = pattern.exec(run.text); m; m = pattern.exec(run.text)) {
        const phrase = m[0].replace(/\s+/g, ' ');
        const last = phrase.split(' ').pop() ?? '';
        if (CONNECTORS.has(last.toLowerCase()) || isDefined(phrase) || isName(phrase)) continue;
        const list = uses.get(phrase) ?? [];
        list.push({ file: run.file, offset: run.offset + m.index });
        uses.set(phrase, list);
      }
    }
    for (const [phrase, places] of uses) {
      if (places.length < minUses) continue;
      const first = places[0]!;
      const text = String(first.file.value);
      const before = text.slice(0, first.offset);
      const line = before.split('\n').length;
      const column = first.offset - before.lastIndexOf('\n');
      report(
        first.file,
        `Unexpected undefined term \`${phrase}\` (used ${places.length} times as a defined term would be), expected a \`:term[${phrase}]\` definition or lowercase words`,
        {
          start: { line, column },
          end: { line, column: column + phrase.length },
        },
      );
    }
  },
};
export default rule;
