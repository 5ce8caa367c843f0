import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';
import { vocabularyOf } from '../../template/vocabulary.js';
import { hasPlaceholder } from '../../text/placeholders.js';

/** Whether `value` is wholly of the form `pattern` (a template's regular expression). */
function matches(pattern: string, value: string): boolean {
  // A number still to come ("[TBD: file number the Clerk assigns]") is the placeholder rule's.
  if (hasPlaceholder(value)) return true;
  return new RegExp(`^(?:${pattern})$`, 'u').test(value);
}

/**
 * A number is in the form its council assigns (the template's `numberForm`,
 * and `numbers.<name>.form`): "188441" in Los Angeles, "180-24" in San
 * Francisco, "24-726" for a D.C. act. A number of another form is a typing
 * slip or a number of another council.
 */
const rule: Rule = {
  id: 'number-form',
  description: "Numbers are in the form the council assigns them (the template's `numberForm`)",
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    if (!jurisdiction) return;
    const { number, numbers } = ordinance.meta;
    const vocabulary = vocabularyOf(jurisdiction);
    const form = jurisdiction.numberForm;
    if (number !== undefined && form && !matches(form.pattern, number))
      report(
        ordinance.file,
        `Unexpected ${vocabulary.document} number \`${number}\`, expected one in the form the ${jurisdiction.name} assigns, such as \`${form.example}\``,
        placeOf(ordinance.file, 'number'),
      );
    const file = ordinance.meta['council-file'];
    const fileForm = jurisdiction.councilFile?.form;
    if (file !== undefined && fileForm && !matches(fileForm.pattern, file))
      report(
        ordinance.file,
        `Unexpected ${jurisdiction.councilFile!.label} \`${file}\`, expected one in the form the ${jurisdiction.name} assigns, such as \`${fileForm.example}\``,
        placeOf(ordinance.file, 'council-file'),
      );
    for (const [name, value] of Object.entries(numbers ?? {})) {
      const declared = jurisdiction.numbers?.[name];
      if (!declared?.form || matches(declared.form.pattern, value)) continue;
      report(
        ordinance.file,
        `Unexpected ${declared.label} number \`${value}\`, expected one in the form the ${jurisdiction.name} assigns, such as \`${declared.form.example}\``,
        placeOf(ordinance.file, `numbers.${name}`),
      );
    }
  },
};
export default rule;
