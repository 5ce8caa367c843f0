import { Type } from 'typebox';
import type { Rule } from '../rule.js';
import { matches } from '../prose-runs.js';

const options = Type.Object(
  {
    phrases: Type.Record(Type.String(), Type.String({ minLength: 1 }), { description: 'Phrases where "shall" imposes no duty, with what to write instead.' }),
  },
  { additionalProperties: false },
);

/** "Shall" imposes a duty; in a definition or a statement of fact it does not. */
const rule: Rule<typeof options> = {
  id: 'shall-non-obligation',
  description: '"Shall" only for a duty',
  defaultSeverity: 'warning',
  options,
  defaultOptions: {
    phrases: {
      'shall mean': 'means',
      'shall include': 'includes',
      'shall have the meaning': 'has the meaning',
      'shall have the meanings': 'have the meanings',
      'shall be deemed': 'is',
    },
  },
  check({ ordinance }, report, { phrases }) {
    for (const [phrase, instead] of Object.entries(phrases)) {
      const pattern = new RegExp(`\\b${phrase.replace(/\s+/g, '\\s+')}\\b`, 'gi');
      for (const { run, position, match } of matches(ordinance, pattern)) {
        report(run.file, `Unexpected \`${match[0].replace(/\s+/g, ' ')}\` (no duty is imposed), expected \`${instead}\``, position);
      }
    }
  },
};
export default rule;
