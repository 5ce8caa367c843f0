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
import { unchangedLine, type OrdinanceDiff, type SectionChange, type SectionVersion } from '../compare/diff.js';
import { escapeMarkdown, type Marks, markdownParts } from '../compare/diff-markdown.js';

/** The versions a report compares, as the user named them. */
export interface Versions {
  from: string;
  to: string;
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
