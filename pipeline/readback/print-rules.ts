/**
 * How the source's words print: the one place the words invariant takes its
 * expectations from, as the drafters' guide (docs/guide/03-annotations.md, "3.
 * Annotations") documents them. Change a rule here when the guide changes;
 * the comparison in words.ts applies nothing else.
 *
 * What the comparison forgives is listed in `normalizeText`: white space
 * (any run of it is one space), a word broken at a line end (with or without
 * a hyphen), and typographic quotes (the guide prints straight quotes as
 * curly ones). Nothing else: a changed, lost or added word is a mismatch.
 */
import type { Template } from '../template/template-schema.js';
import { sectionHeadingLabel, sectionName } from '../template/vocabulary.js';

/** The printed forms of annotations and generated words, from the guide. */
export interface PrintRules {
  /** `:del[old words]` prints `((old words))`. */
  deletionOpen: string;
  deletionClose: string;
  /** Struck words as read back: in their printed marks, or, where the form prints none, as their Span reads ("[deleted: old words]"). */
  deleted: (words: string) => string;
  /** Inserted words as read back: as their Span reads ("[inserted: new words]"). */
  inserted: (words: string) => string;
  /** `:tbd[fact]` prints `[TBD: fact]`. */
  placeholderOpen: string;
  placeholderClose: string;
  /** A section's heading label: "Section 3.", "Sec. 3." or, with a designation, "§ 24-211.07.". */
  headingLabel: (section: { number: number; designation: string | undefined }) => string;
  /** The enacting clause when it runs in to the first section (printed where that section's heading would be, before its text); null when it does not. */
  runIn: string | null;
  /** Whether each section's notes print after its text (the layout's `annotations.print`). */
  notes: boolean;
  /** A section's heading as printed after its label: ended with a period unless it ends in punctuation. */
  heading: (heading: string) => string;
  /** A bulleted list item's marker. */
  bullet: string;
  /** An image: its description stands in the text (`[Image: description]`). */
  image: (alt: string) => string;
  /**
   * A `:ref` prints the target's current number ("Section 6", "§ 24-211.07") and its pinpoint;
   * a reference found in prose prints as the drafter wrote it.
   */
  reference: (target: { number: number; designation: string | undefined } | undefined, pinpoint: string | undefined, written: string | undefined, targetId: string) => string;
}

/** The print rules of a template (its labels and markers are data of the jurisdiction's template and its layout). */
export function printRules(template: Pick<Template, 'layout' | 'jurisdiction'>): PrintRules {
  const { layout } = template;
  const { vocabulary } = template.jurisdiction;
  return {
    deletionOpen: layout.amendment.deletionOpen,
    deletionClose: layout.amendment.deletionClose,
    deleted: (words) =>
      layout.amendment.deletionOpen || layout.amendment.deletionClose
        ? `${layout.amendment.deletionOpen}${words}${layout.amendment.deletionClose}`
        : spanned(words, layout.amendment.deletedOpen ?? '[deleted: ', layout.amendment.deletedClose ?? ']'),
    inserted: (words) => spanned(words, layout.amendment.insertionOpen, layout.amendment.insertionClose),
    placeholderOpen: layout.placeholder.open,
    placeholderClose: layout.placeholder.close,
    headingLabel: (section) => sectionHeadingLabel(layout, vocabulary, section),
    runIn: template.jurisdiction.enactingClauseRunsIn ? template.jurisdiction.enactingClause : null,
    notes: layout.annotations.print,
    heading: (heading) => (!heading || /[.:;!?\]]$/.test(heading) ? heading : `${heading}.`),
    bullet: layout.list.bullet,
    image: (alt) => (alt ? `[Image: ${alt}]` : '[Image]'),
    reference: (target, pinpoint, written, targetId) => {
      // The guide: only `:ref` generates words; prose is printed as written.
      if (written !== undefined) return written;
      if (!target) return `${vocabulary.section} ${targetId}`;
      return sectionName(vocabulary, target, pinpoint ?? '');
    },
  };
}

/** Words as their Span reads them: the marks around the words, the white space at their edges outside (it is printed, and read, as space). */
function spanned(words: string, open: string, close: string): string {
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(words)!;
  return `${lead}${open}${core}${close}${trail}`;
}

/** A line end inside the text read back from a PDF. */
export const LINE_END = '\n';

/**
 * Text as compared: typographic quotes folded to straight ones, soft hyphens
 * dropped, and any run of white space one space, except that line ends stay:
 * a word broken at a line end (after its hyphen, or a long word cut to fit)
 * is joined again by the word comparison, which may join a printed word with
 * the next across a line end, never across a space.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u00ad/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n+/g, '\n')
    .trim();
}
