import type { Rule } from '../rule.js';
import { inlineNodes } from '../prose-runs.js';

/** A printed ordinance can only link out to the web or to mail. */
const rule: Rule = {
  id: 'link-scheme',
  description: 'Links use http, https or mailto',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    for (const section of [{ blocks: ordinance.preamble }, ...ordinance.sections]) {
      for (const link of inlineNodes(section.blocks)) {
        if (link.type !== 'link' || /^(https?:\/\/|mailto:)/i.test(link.url)) continue;
        report(
          link.source.file,
          `Unexpected link to \`${link.url}\`, expected an \`https://\`, \`http://\` or \`mailto:\` address (use \`:ref\` for sections, \`:cite\` for directives)`,
          link.source.position,
        );
      }
    }
  },
};
export default rule;
