import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** A pinpoint into a directive whose registry entry lists its pinpoints must be one of them. */
const rule: Rule = {
  id: 'citation-pinpoint',
  description: 'Citation pinpoints exist in the cited directive',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    for (const citation of ordinance.citations) {
      const known = citation.directive?.meta.pinpoints;
      if (!citation.pinpoint || !known || known.length === 0 || known.includes(citation.pinpoint)) continue;
      report(
        citation.source.file,
        `Unknown pinpoint \`${citation.pinpoint}\` in \`${citation.directiveId}\`, expected one of ${known.map((p) => `\`${p}\``).join(', ')}`,
        citation.source.position,
        { related: { file: citation.directive!.file, place: placeOf(citation.directive!.file, 'pinpoints') ?? { line: 1, column: 1 }, message: 'pinpoints listed' } },
      );
    }
  },
};
export default rule;
