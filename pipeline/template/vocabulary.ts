/**
 * The document's vocabulary (the jurisdiction template's `vocabulary`): the
 * words the tool itself writes for the kind of document, its number and its
 * sections, wherever it writes them: the PDF's headings and generated
 * references, the digest, the appendix, xref.json and the rules' messages.
 * One function per form, so every place says "Sec. 2" where the PDF does.
 */
import type { Group, Section } from '../model/types.js';
import type { Jurisdiction, Layout, Vocabulary } from './template-schema.js';

/**
 * The words of a document whose jurisdiction has no template (an unknown
 * `jurisdiction`, reported by its rule): neutral ones, never a council's.
 */
export const NEUTRAL_VOCABULARY: Vocabulary = {
  document: 'ordinance',
  number: 'No.',
  section: 'Section',
  sections: 'Sections',
  designatedSection: '§',
  legislativeBody: 'the legislative body',
  executive: 'the executive',
};

/** The vocabulary of a jurisdiction's documents (neutral words without a template). */
export function vocabularyOf(jurisdiction: Pick<Jurisdiction, 'vocabulary'> | undefined): Vocabulary {
  return jurisdiction?.vocabulary ?? NEUTRAL_VOCABULARY;
}

/** What a section is, for its label: its place in the document, and a code's own designation when it has one. */
export interface Numbered {
  number: number;
  designation?: string | undefined;
}

/** The label of a section in running text: "Section 3", "Sec. 3", "§ 24-211.07", "SEC. 12H.2", with its pinpoint ("(b)") after it. */
export function sectionName(vocabulary: Vocabulary, section: Numbered, pinpoint = ''): string {
  return section.designation ? `${vocabulary.designatedSection} ${section.designation}${pinpoint}` : `${vocabulary.section} ${section.number}${pinpoint}`;
}

/** Several sections in running text: "Sections 1, 2 and 5", "Secs. 2 and 3"; with designations, each named: "§ 4-251.03 and § 4-251.21". */
export function sectionNames(vocabulary: Vocabulary, sections: readonly Numbered[]): string {
  const names = sections.map((s) => sectionName(vocabulary, s));
  if (names.length <= 1) return names[0] ?? '—';
  if (sections.every((s) => !s.designation)) {
    const numbers = sections.map((s) => String(s.number));
    return `${vocabulary.sections} ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A section's heading label as the layout prints it: "Section 3.", "Sec. 3.", "§ 24-211.07.", "SEC. 12H.2.". */
export function sectionHeadingLabel(layout: Pick<Layout, 'section'>, vocabulary: Vocabulary, section: Numbered): string {
  const { label, designatedLabel } = layout.section;
  return section.designation
    ? designatedLabel.replace('{label}', vocabulary.designatedSection).replace('{number}', section.designation)
    : label.replace('{label}', vocabulary.section).replace('{number}', String(section.number));
}

/** "Ordinance No. 188441", "D.C. Act 23-573": the document's number as running text names it, or null without one. */
export function numberName(vocabulary: Vocabulary, number: string | undefined): string | null {
  return number ? `${vocabulary.number} ${number}` : null;
}

/** The document's kind with a capital, as a heading or a sentence starts it: "Ordinance", "Act". */
export function documentWord(vocabulary: Vocabulary): string {
  return vocabulary.document.charAt(0).toUpperCase() + vocabulary.document.slice(1);
}

/** How a reference prints, in the document's vocabulary: "Section 3(b)", "Sec. 3(b)", or "§ 24-211.07(b)" for a designated section. */
export function referenceLabel(section: Section, pinpoint: string | undefined, vocabulary: Vocabulary = NEUTRAL_VOCABULARY): string {
  return sectionName(vocabulary, section, pinpoint ?? '');
}

/** Whether a section's label runs in to its first paragraph: the layout says so, the section has no heading and no status to print, and it opens with a paragraph. */
export function labelRunsIn(layout: Pick<Layout, 'section'>, section: Pick<Section, 'heading' | 'status' | 'blocks'>): boolean {
  return Boolean(layout.section.labelRunsIn && !section.heading && (!section.status || section.status === 'in-force') && section.blocks[0]?.type === 'paragraph');
}

/** A group's heading as printed, in the PDF and on the site: "TITLE I. GOVERNMENT DIRECTION AND SUPPORT", or "Chapter 3. Business Licenses." where the layout closes it with a period. */
export function groupTitle(layout: Pick<Layout, 'group'>, group: Pick<Group, 'prefix' | 'num' | 'heading'>): string {
  const label = [group.prefix, group.num].filter(Boolean).join(' ');
  if (!layout.group.closingPeriod) return group.heading ? `${label}. ${group.heading}` : label;
  return group.heading ? `${label}. ${group.heading.replace(/\.$/, '')}.` : `${label}.`;
}
