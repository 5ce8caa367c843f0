/**
 * Hover: what a drafter sees over a citation or a reference while typing.
 * Over a citation, the directive it names (its title, its citation form, its
 * kind, issuer, dates and status, what this ordinance does to it, the
 * pinpoint, and the registry's digest of it); over a reference, the section
 * it names, its heading and its first sentence (the pinpointed
 * subdivision's, with a pinpoint). Markdown, as editors show hovers.
 */
import { citeWhere } from '../amend/apply-target.js';
import { inlineText, WRITTEN } from '../model/inline-text.js';
import type { Block, Citation, Ordinance, Section, SectionReference, Subdivision } from '../model/types.js';
import type { Vocabulary } from '../template/template-schema.js';
import { referenceLabel } from '../template/vocabulary.js';
import { relationWords, sectionList, type DirectiveRelation } from '../xref/relations.js';
import { nodeAt } from './at-point.js';
import { type EditorPoint, type EditorRange, holds, rangeOf } from './places.js';
import type { Amendments } from '../amend/amend-ordinance.js';
import { changedParagraphsMarkdown, escapeMarkdown, type Marks } from '../compare/diff-markdown.js';
import { readableDiff } from '../text/word-diff.js';
import type { Diagnostic } from '../report/diagnostics.js';

export interface HoverText {
  markdown: string;
  range: EditorRange | undefined;
}

/** What the hover knows of the ordinance besides its model: its relations to prior directives, its vocabulary and marks, and what its instructions did to the code. */
export interface HoverWorld {
  relations: readonly DirectiveRelation[];
  vocabulary: Vocabulary;
  marks: Marks;
  amendments: Amendments | null | undefined;
}

/** What to show over `point` of `file`, or null where nothing there has more to say. */
export function hoverAt(ordinance: Ordinance, world: HoverWorld, file: string, point: EditorPoint): HoverText | null {
  const { relations, vocabulary } = world;
  const node = nodeAt(ordinance, file, point);
  if (!node) return instructionHover(world, file, point);
  const range = node.source.position ? rangeOf(node.source.position) : undefined;
  const markdown = node.type === 'citation' ? citationHover(node, relations, vocabulary) : referenceHover(node, vocabulary);
  return { markdown, range };
}

/**
 * Over a finding: what its rule (or check) is for, from its docs page, and
 * the page itself. `pageOf` gives a finding's page, its Markdown and its
 * link (undefined where it has none); each rule is told once however many of
 * its findings the point lies in.
 */
export function findingHover(
  findings: readonly Diagnostic[],
  point: EditorPoint,
  pageOf: (finding: Diagnostic) => { markdown: string; link: string } | undefined,
): HoverText | null {
  const told = new Set<string>();
  const parts: string[] = [];
  for (const finding of findings) {
    if (told.has(finding.ruleId) || !findingHolds(finding, point)) continue;
    const page = pageOf(finding);
    if (!page) continue;
    told.add(finding.ruleId);
    const [what, why] = pageParagraphs(page.markdown);
    parts.push([`**${escapeMarkdown(finding.ruleId)}**${what ? `: ${what}` : ''}`, ...(why ? ['', why] : []), '', `[The rule's page](${page.link})`].join('\n'));
  }
  return parts.length ? { markdown: parts.join('\n\n---\n\n'), range: undefined } : null;
}

/** Whether a finding's place (lines and columns from 1; a point place stands for its line from there) holds an editor point. */
function findingHolds(finding: Diagnostic, point: EditorPoint): boolean {
  const line = point.line + 1;
  const column = point.character + 1;
  const endLine = finding.endLine ?? finding.line;
  const endColumn = finding.endLine !== undefined ? (finding.endColumn ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  if (line < finding.line || line > endLine) return false;
  if (line === finding.line && column < finding.column) return false;
  return !(line === endLine && column > endColumn);
}

/** A docs page's one-line description and its first paragraph of explanation (not its settings, fixtures or tables). */
function pageParagraphs(markdown: string): string[] {
  const lines = markdown.split('\n').filter((line) => !line.startsWith('<!--'));
  const start = lines.findIndex((line) => line.startsWith('# '));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s*\n\s*/g, ' '))
    .filter((paragraph) => paragraph && !/^(Default severity|Severity):/.test(paragraph) && !/^The fixtures in /.test(paragraph));
}

/**
 * Over an amending instruction: the code section it changes, whether it
 * applied (why not, quoting the law), and the section's paragraphs that the
 * ordinance changes, as they stand with the changes marked as the
 * comparative print marks them.
 */
function instructionHover(world: HoverWorld, file: string, point: EditorPoint): HoverText | null {
  const outcome = world.amendments?.outcomes.find((o) => o.instruction.source.file.path === file && holds(o.instruction.source.position, point));
  if (!outcome) return null;
  const { instruction } = outcome;
  const range = instruction.source.position ? rangeOf(instruction.source.position) : undefined;
  const target = citeWhere(instruction.target);
  const status = outcome.applied ? 'Applied.' : `Not applied: ${outcome.reason ?? 'its target is not in the code'}.`;
  const section = world.amendments?.sections.find((s) => s.outcomes.includes(outcome));
  const lines = [`**${escapeMarkdown(target)}**: ${escapeMarkdown(status)}`];
  if (section?.changed) {
    const parts = readableDiff(bodyOf(section.before ?? ''), bodyOf(section.after));
    lines.push('', `§ ${escapeMarkdown(section.section)} as the ordinance leaves it:`, '', changedParagraphsMarkdown(parts, world.marks));
  }
  return { markdown: lines.join('\n'), range };
}

/** A section file's text without its front matter. */
function bodyOf(source: string): string {
  return source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').trim();
}

/** The first sentence of `text` (up to its first full stop before a space), or the whole of a short text. */
export function firstSentence(text: string): string {
  const match = /^.*?[.;:](?=\s+[A-Z(“"]|$)/s.exec(text.trim());
  return (match ? match[0] : text.trim()).replace(/\s+/g, ' ');
}

function citationHover(citation: Citation, relations: readonly DirectiveRelation[], vocabulary: Vocabulary): string {
  const directive = citation.directive;
  if (!directive) return `No registry entry \`${citation.directiveId}\`: the citation names no directive the registry holds.`;
  const { meta } = directive;
  const dates = Object.entries(meta.dates ?? {})
    .map(([what, date]) => `${what} ${date}`)
    .join(', ');
  const facts = [meta.kind, meta.issuer, dates, meta.status].filter((fact): fact is string => typeof fact === 'string' && fact.length > 0);
  const relation = relations.find((r) => r.directive === directive);
  const lines = [
    `**${meta.title}** (${meta['cited-as'][0] ?? meta.id})`,
    '',
    facts.join(' · '),
    ...(citation.pinpoint ? ['', `Pinpoint: ${citation.pinpoint}`] : []),
    ...(relation ? ['', `This ordinance: ${relationWords(relation.relations)}${relation.sections.length > 0 ? ` (${sectionList(relation.sections, vocabulary)})` : ''}.`] : []),
  ];
  const digest = directive.digest.trim().split(/\n\s*\n/)[0];
  if (digest) lines.push('', '---', '', digest);
  return lines.join('\n');
}

function referenceHover(reference: SectionReference, vocabulary: Vocabulary): string {
  const section = reference.target;
  if (!section) return `No section \`${reference.targetId}\` in this ordinance.`;
  const title = `**${referenceLabel(section, undefined, vocabulary)}. ${section.heading}**`;
  const unit = reference.pinpoint ? subdivisionAt(section.blocks, reference.pinpoint) : null;
  const text = unit ? `${unit.path} ${firstSentence(inlineText(unit.children, WRITTEN))}` : sectionOpening(section);
  return text ? `${title}\n\n${text}` : title;
}

/** The first sentence of a section's text. */
function sectionOpening(section: Section): string {
  const first = section.blocks[0];
  if (!first) return '';
  if (first.type === 'paragraph') return firstSentence(inlineText(first.children, WRITTEN));
  if (first.type === 'subdivision') return `${first.path} ${firstSentence(inlineText(first.children, WRITTEN))}`;
  return '';
}

/** The subdivision at `path` ("(f)(2)") among `blocks`, or null. */
export function subdivisionAt(blocks: readonly Block[], path: string): Subdivision | null {
  for (const block of blocks) {
    if (block.type !== 'subdivision') continue;
    if (block.path === path) return block;
    if (path.startsWith(block.path)) {
      const inner = subdivisionAt(block.blocks, path);
      if (inner) return inner;
    }
  }
  return null;
}
