/**
 * `ordinance diff --format md|json`: what changed, for review tools and CI
 * comments. Markdown shows struck words as ~~((struck))~~ and inserted words
 * as <ins>inserted</ins> (both read on GitHub and GitLab), the front matter
 * as a table, an unchanged section as one line and a run of unchanged
 * paragraphs as "…". JSON is the diff itself.
 */
import type { DiffPart } from '../text/word-diff.js';
import type { OrdinanceDiff, SectionChange, SectionVersion } from '../compare/diff.js';

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

/** One paragraph of a word diff in Markdown; white space at a mark's edges stays outside it (Markdown would not close it). */
function markdownParagraph(parts: readonly DiffPart[]): string {
  return parts
    .map((part, i) => {
      // Words struck right before the words inserted in their place keep a space between them, as in the PDF.
      const previous = parts[i - 1];
      if (part.added && previous?.removed && !/\s$/.test(previous.value) && !/^\s/.test(part.value)) part = { ...part, value: ` ${part.value}` };
      if (!part.added && !part.removed) return escapeMarkdown(part.value);
      const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
      if (!words) return part.added ? part.value : '';
      return `${lead}${part.added ? `<ins>${escapeMarkdown(words)}</ins>` : `~~((${escapeMarkdown(words)}))~~`}${trail}`;
    })
    .join('');
}

/** A word diff in Markdown: the paragraphs that changed, each run of unchanged ones as "…" (all of them when `whole`). */
function markdownParts(parts: readonly DiffPart[], whole = false): string {
  const out: string[] = [];
  for (const paragraph of paragraphsOf(parts)) {
    const changed = paragraph.some((p) => p.added || p.removed);
    if (changed || whole) out.push(markdownParagraph(paragraph));
    else if (out.at(-1) !== '…') out.push('…');
  }
  return out.join('\n\n');
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

function sectionMarkdown(change: SectionChange): string {
  const version = (change.after ?? change.before)!;
  if (change.change === 'unchanged' && !change.moved) {
    const renumbered = change.before && change.before.number !== version.number ? ` (${escapeMarkdown(label(change.before).split('.')[0]!)} before)` : '';
    return `- ${escapeMarkdown(label(version))}: unchanged${renumbered}`;
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
  if (change.heading) lines.push(`Heading: ${markdownParts(change.heading, true)}`, '');
  if (change.change !== 'unchanged') lines.push(markdownParts(change.text), '');
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
    const text = sectionMarkdown(change);
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
