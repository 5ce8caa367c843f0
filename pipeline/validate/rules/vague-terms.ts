import { Type } from 'typebox';
import type { Rule } from '../rule.js';
import { matches } from '../prose-runs.js';

const options = Type.Object(
  {
    words: Type.Array(Type.String({ minLength: 1 }), { description: 'Vague words and phrases to flag.' }),
    allow: Type.Array(Type.String({ minLength: 1 }), { description: 'Phrases that carry a legal standard of their own ("reasonable suspicion").' }),
  },
  { additionalProperties: false },
);

/** "Reasonable", "appropriate", "promptly": a standard the text does not state. */
const rule: Rule<typeof options> = {
  id: 'vague-terms',
  description: 'No vague terms without a standard',
  defaultSeverity: 'warning',
  options,
  defaultOptions: {
    words: ['reasonable', 'reasonably', 'appropriate', 'appropriately', 'adequate', 'promptly', 'as soon as possible', 'sufficient'],
    allow: ['reasonable suspicion', 'reasonable cause', 'reasonable doubt', 'reasonably believes'],
  },
  check({ ordinance }, report, { words, allow }) {
    const pattern = new RegExp(`\\b(?:${words.map((w) => w.replace(/\s+/g, '\\s+')).join('|')})\\b`, 'gi');
    const allowed = allow.map((a) => new RegExp(`^${a.replace(/\s+/g, '\\s+')}\\b`, 'i'));
    for (const { run, position, match } of matches(ordinance, pattern)) {
      const rest = run.text.slice(match.index);
      if (allowed.some((a) => a.test(rest))) continue;
      report(run.file, `Unexpected vague term \`${match[0]}\`, expected a stated standard (a time, a number, a test)`, position);
    }
  },
};
export default rule;
