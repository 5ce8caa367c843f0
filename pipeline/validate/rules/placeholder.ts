import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { Place } from '../../report/diagnostics.js';
import { placeOf } from '../../parse/front-matter.js';
import { directiveRelations } from '../../xref/relations.js';
import type { Rule } from '../rule.js';
import { inlineNodes, matches } from '../prose-runs.js';
import { sectionBody, textFiles } from '../../model/quoted-law.js';
import { hasPlaceholder, PLACEHOLDER } from '../../text/placeholders.js';

/** "a draft", "an introduced": the status with its article. */
function status(value: string): string {
  return `${/^[aeiou]/.test(value) ? 'an' : 'a'} ${value}`;
}

/** Each placeholder in the front-matter values of `file` (leaf keys only: a mapping's place holds its keys'), with its key path and place. */
function* frontMatterPlaceholders(file: VFile): Generator<{ key: string; text: string; place: Position }> {
  const places = file.data.frontMatterPlaces;
  // Most files hold none: no line index is made for them.
  if (!places || !hasPlaceholder(String(file.value))) return;
  const points = location(file);
  const keys = [...places.keys()];
  for (const [key, place] of places) {
    if (keys.some((other) => other.startsWith(`${key}.`))) continue;
    const start = points.toOffset(place.start);
    const end = points.toOffset(place.end);
    if (start === undefined || end === undefined) continue;
    for (const m of String(file.value).slice(start, end).matchAll(PLACEHOLDER)) {
      yield { key, text: m[0], place: { start: points.toPoint(start + m.index)!, end: points.toPoint(start + m.index + m[0].length)! } };
    }
  }
}

/** Each placeholder in the body of a registry entry (its digest, which the ordinance's digest quotes), with its place. */
function* bodyPlaceholders(file: VFile): Generator<{ text: string; place: Position }> {
  const value = String(file.value);
  if (!hasPlaceholder(value)) return;
  const fence = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(value);
  const bodyStart = fence ? fence[0].length : 0;
  const points = location(file);
  for (const m of value.slice(bodyStart).matchAll(PLACEHOLDER)) {
    const start = bodyStart + m.index;
    yield { text: m[0], place: { start: points.toPoint(start)!, end: points.toPoint(start + m[0].length)! } };
  }
}

/**
 * TODO and TBD mark unfinished text: fine in a draft, blocking once it is before the Council. The metadata of the
 * ordinance and of its sections prints too (title, sponsors, headings, summaries), and so do the registry entries it
 * builds on: their titles, citation forms and digests reach its PDF and digest.
 */
const rule: Rule = {
  id: 'placeholder',
  description: 'No placeholders (TODO, TBD, FIXME, :tbd) once beyond draft',
  defaultSeverity: 'error',
  byStatus: { draft: 'warning' },
  check({ ordinance, registry, relations }, report) {
    const what = `${status(ordinance.meta.status)} ordinance`;
    for (const { run, position, match } of matches(ordinance, /\b(?:TODO|TBD|FIXME)\b/g, /TODO|TBD|FIXME/)) {
      report(run.file, `Unexpected placeholder \`${match[0]}\` in ${what}, expected the final text`, position);
    }
    // A `:tbd` placeholder is written as one: the files without the word hold none.
    const mayHold = (file: VFile) => String(file.value).includes(':tbd');
    const held = [
      ...(mayHold(ordinance.file) ? [ordinance.preamble] : []),
      ...ordinance.sections.filter((s) => mayHold(s.file) || s.quoted.some((q) => mayHold(q.file))).map(sectionBody),
    ];
    for (const blocks of held) {
      for (const node of inlineNodes(blocks)) {
        if (node.type !== 'placeholder') continue;
        report(node.source.file, `Unexpected placeholder \`:tbd[${node.description}]\` in ${what}, expected the fact`, node.source.position);
      }
    }
    for (const file of textFiles(ordinance)) {
      for (const found of frontMatterPlaceholders(file)) {
        report(file, `Unexpected placeholder \`${found.text}\` in \`${found.key}\` of ${what}, expected the fact`, found.place);
      }
    }
    // The registry entries it relates to, reported where the ordinance names each (its first citation, or the
    // front-matter key that relates it) with the placeholder's own place beside.
    // The first citation of each entry, found once (a title cites thousands of times).
    let firstCited: Map<string, (typeof ordinance.citations)[number]> | null = null;
    for (const { directive } of relations ?? directiveRelations(ordinance, registry)) {
      const id = directive.meta.id;
      const found = [
        ...[...frontMatterPlaceholders(directive.file)].map((f) => ({ ...f, where: `\`${f.key}\`` })),
        ...[...bodyPlaceholders(directive.file)].map((f) => ({ ...f, where: 'the digest' })),
      ];
      if (found.length === 0) continue;
      if (!firstCited) {
        firstCited = new Map();
        for (const c of ordinance.citations) {
          const citedId = c.directive?.meta.id;
          if (citedId !== undefined && !firstCited.has(citedId)) firstCited.set(citedId, c);
        }
      }
      const cited = firstCited.get(id);
      let at: { file: VFile; place: Place } | undefined = cited && { file: cited.source.file, place: cited.source.position ?? { line: 1, column: 1 } };
      for (const key of ['codifies', 'supersedes', 'amends', 'repeals'] as const) {
        const index = (ordinance.meta[key] ?? []).indexOf(id);
        const place = index >= 0 ? placeOf(ordinance.file, `${key}.${index}`) : undefined;
        if (!at && place) at = { file: ordinance.file, place };
      }
      at ??= { file: ordinance.file, place: { line: 1, column: 1 } };
      for (const f of found) {
        report(
          at.file,
          `Unexpected placeholder \`${f.text}\` in ${f.where} of registry entry \`${id}\`, which this ${ordinance.meta.status} ordinance relies on, expected the fact`,
          at.place,
          {
            related: { file: directive.file, place: f.place, message: 'placeholder in the registry' },
          },
        );
      }
    }
  },
};
export default rule;
