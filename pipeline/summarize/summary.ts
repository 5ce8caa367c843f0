/**
 * Summarize: the plain-language summary (summary.md) assembled from the
 * drafters' section summaries, the metadata and the registry, written through
 * remark-stringify so its diff in git stays readable. It states no fact the
 * sources do not hold.
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { Ordinance } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import { formatDate } from '../render/fill.js';

const STATUS_WORDS: Record<string, string> = {
  draft: 'Draft: not yet introduced to the Council',
  introduced: 'Introduced: before the Council, not yet passed',
  adopted: 'Adopted by the Council',
  effective: 'In effect',
};

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
/** A bold label and its text; the space stays outside the bold so the Markdown stays plain. */
const labelled = (label: string, value: string): ListItem => item(strong(label), text(` ${value}`));
const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2, value: string): RootContent => ({ type: 'heading', depth, children: [text(value)] });
const item = (...children: PhrasingContent[]): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] });
const list = (items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });

/** The summary as an mdast tree. */
export function summaryTree(ordinance: Ordinance, registry: DirectiveRegistry): Root {
  const { meta } = ordinance;
  const enacted = meta.status === 'adopted' || meta.status === 'effective';
  const children: RootContent[] = [heading(1, `${meta['short-title']}: summary`), paragraph({ type: 'emphasis', children: [text(meta.title)] })];

  const facts: ListItem[] = [labelled('Status:', `${STATUS_WORDS[meta.status]} (version ${meta.version}).`)];
  if (meta.number) facts.push(labelled('Ordinance number:', meta.number));
  if (meta['council-file']) facts.push(labelled('Council file:', meta['council-file']));
  if (meta.sponsors?.length) facts.push(labelled('Sponsors:', meta.sponsors.join(', ')));
  const dates = meta.dates ?? {};
  const dateLabels: [keyof typeof dates, string][] = [
    ['introduced', 'Introduced'],
    ['passed', 'Passed by the Council'],
    ['approved', 'Approved by the Mayor'],
    ['effective', 'Takes effect'],
  ];
  for (const [key, label] of dateLabels) {
    const value = dates[key];
    if (value) facts.push(labelled(`${label}:`, formatDate(value)));
  }
  if (meta.vote) facts.push(labelled('Council vote:', `${meta.vote.ayes} to ${meta.vote.noes}`));
  if (meta.urgency) facts.push(labelled('Urgency:', 'Yes. It takes effect as soon as the Mayor signs it, not 30 days later.'));
  children.push(list(facts));

  const summaries = ordinance.sections.filter((s) => s.summary);
  if (summaries.length > 0) {
    children.push(heading(2, enacted ? 'What this ordinance does' : 'What this ordinance would do'));
    children.push(list(summaries.map((s) => labelled(`${s.designation ? `§ ${s.designation}` : `Section ${s.number}`}. ${s.heading}.`, s.summary!))));
  }

  const codified = (meta.codifies ?? []).map((id) => registry.get(id)).filter((d) => d !== undefined);
  if (codified.length > 0) {
    children.push(heading(2, 'What the law said before'));
    children.push(
      list(
        codified.map((d) => {
          const date = d.meta.dates?.issued ?? d.meta.dates?.adopted ?? d.meta.dates?.effective;
          const digest = d.digest.split(/\n\s*\n/)[0]?.replace(/\s*\n\s*/g, ' ') ?? '';
          return item(strong(`${d.meta.title}`), text(`${date ? ` (${formatDate(date)})` : ''}. ${digest}`));
        }),
      ),
    );
  }
  return { type: 'root', children };
}

const stringifier = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });

/** summary.md text. */
export function summarizeOrdinance(ordinance: Ordinance, registry: DirectiveRegistry): string {
  return stringifier.stringify(summaryTree(ordinance, registry));
}
