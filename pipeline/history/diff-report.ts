/**
 * `ordinance diff --format md|json`: what changed, for review tools and CI
 * comments, the same marked sections the redline PDF draws (compare/diff.ts).
 * Markdown shows struck words struck through in the form's marks
 * (~~((struck))~~ for a council, ~~struck~~ where the type style alone marks
 * them) and inserted words as <ins>inserted</ins> (both read on GitHub and
 * GitLab), the front matter as a table, an unchanged section as one line and
 * unchanged text left out as the form leaves it out ("* * *"). JSON is the
 * diff itself.
 */
import { spaceBetweenMarks, type DiffPart } from '../text/word-diff.js';
import { unchangedLine, type OrdinanceDiff, type SectionChange, type SectionVersion } from '../compare/diff.js';

/** The versions a report compares, as the user named them. */
export interface Versions {
  from: string;
  to: string;
}

/** Text safe in Markdown: what it would read as markup is escaped, so the drafter's words print as written. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_~[\]|#])/g, '\\$1');
}

/** A word diff's parts split into paragraphs (at blank lines), each part kept with its mark. */
function paragraphsOf(parts: readonly DiffPart[]): DiffPart[][] {
  const paragraphs: DiffPart[][] = [[]];
  for (const part of parts) {
    part.value.split('\n\n').forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      if (piece) paragraphs.at(-1)!.push({ ...part, value: piece });
    });
  }
  return paragraphs.filter((p) => p.length > 0);
}

/** Struck words' marks in the form. */
type Marks = OrdinanceDiff['marks'];

/** One paragraph of a word diff in Markdown; white space at a mark's edges stays outside it (Markdown would not close it). */
function markdownParagraph(parts: readonly DiffPart[], marks: Marks): string {
  return parts
    .map((part, i) => {
      // A struck stretch and an inserted one that meet are spaced as the PDF spaces them.
      const previous = parts[i - 1];
      if (previous && ((part.added && previous.removed) || (part.removed && previous.added)))
        part = { ...part, value: `${spaceBetweenMarks(previous.value, part.value)}${part.value}` };
      if (!part.added && !part.removed) return escapeMarkdown(part.value);
      const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
      if (!words) return part.added ? part.value : '';
      return `${lead}${part.added ? `<ins>${escapeMarkdown(words)}</ins>` : `~~${escapeMarkdown(`${marks.deletionOpen}${words}${marks.deletionClose}`)}~~`}${trail}`;
    })
    .join('');
}

/** A word diff in Markdown, paragraph by paragraph. */
function markdownParts(parts: readonly DiffPart[], marks: Marks): string {
  return paragraphsOf(parts)
    .map((paragraph) => markdownParagraph(paragraph, marks))
    .join('\n\n');
}

function label(version: SectionVersion): string {
  const number = /^\d+$/.test(version.number) ? `Section ${version.number}` : `§ ${version.number}`;
  return `${number}. ${version.heading}`.trim();
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  const text = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ') : typeof value === 'string' ? value : JSON.stringify(value);
  return escapeMarkdown(text).replace(/\n/g, ' ');
}

function sectionMarkdown(change: SectionChange, marks: Marks): string {
  const version = (change.after ?? change.before)!;
  if (change.change === 'unchanged' && !change.moved) {
    const renumbered = change.before && change.before.number !== version.number ? `${escapeMarkdown(label(change.before).split('.')[0]!)} before` : '';
    return `- ${unchangedLine(escapeMarkdown(label(version)), renumbered)}`;
  }
  const what =
    change.change === 'added'
      ? 'added'
      : change.change === 'removed'
        ? 'removed'
        : change.moved
          ? `moved from ${escapeMarkdown(label(change.before!).split('.')[0]!)}${change.change === 'changed' ? ', changed' : ''}`
          : change.before!.number !== change.after!.number
            ? `renumbered from ${escapeMarkdown(label(change.before!).split('.')[0]!)}${change.change === 'changed' ? ', changed' : ''}`
            : 'changed';
  const lines = [`### ${escapeMarkdown(label(version))} (${what})`, '', `\`${version.file}\``, ''];
  if (change.heading) lines.push(`Heading: ${markdownParts(change.heading, marks)}`, '');
  if (change.change !== 'unchanged') lines.push(markdownParts(change.text, marks), '');
  return lines.join('\n').trimEnd();
}

/** The diff as Markdown. */
export function diffMarkdown(diff: OrdinanceDiff, versions: Versions): string {
  const out = [`## ${escapeMarkdown(diff.slug)}: ${escapeMarkdown(versions.from)} → ${escapeMarkdown(versions.to)}`, ''];
  if (diff.frontMatter.length > 0) {
    out.push('| front matter | before | after |', '| --- | --- | --- |');
    for (const change of diff.frontMatter) out.push(`| ${cell(change.name)} | ${cell(change.before)} | ${cell(change.after)} |`);
    out.push('');
  }
  let collapsed = false;
  for (const change of diff.sections) {
    const text = sectionMarkdown(change, diff.marks);
    const line = text.startsWith('- ');
    // A run of unchanged lines is one list; a changed section its own block.
    if (!line && collapsed) out.push('');
    out.push(text);
    if (!line) out.push('');
    collapsed = line;
  }
  if (diff.sections.length === 0) out.push('No sections in either version.');
  return `${out.join('\n').trimEnd()}\n`;
}

/** The diff as JSON: the versions, the front-matter changes and each section with its word diff. */
export function diffJson(diffs: readonly OrdinanceDiff[], versions: Versions): string {
  return `${JSON.stringify({ from: versions.from, to: versions.to, ordinances: diffs }, null, 2)}\n`;
}
