/**
 * The typed model of an ordinance: what every stage after parsing reads.
 * Every node that came from a source keeps its file and position.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { DirectiveMeta, OrdinanceMeta, SectionKind, SectionStatus } from './metadata.js';

/** A place in a source file. */
export interface SourceRef {
  file: VFile;
  position: Position | undefined;
}

export type Inline =
  | { type: 'text'; value: string; position?: Position | undefined }
  | { type: 'emphasis' | 'strong'; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'break' }
  | { type: 'link'; url: string; children: Inline[]; source: SourceRef }
  | TermDefinition
  | Citation
  | SectionReference
  /** Words inserted or struck: by the drafter (`:ins`, `:del`), or, `revision`, by a comparison of two versions (compare/marked-section.ts). */
  | { type: 'insertion' | 'deletion'; children: Inline[]; source: SourceRef; revision?: true }
  | { type: 'placeholder'; description: string; source: SourceRef }
  | { type: 'image'; url: string; alt: string; source: SourceRef };

/** `:term[City Agency]`: where a defined term is defined. */
export interface TermDefinition {
  type: 'term';
  term: string;
  id: string;
  children: Inline[];
  source: SourceRef;
}

/** `:cite{to=...}`: a citation of a registered prior directive. */
export interface Citation {
  type: 'citation';
  directiveId: string;
  pinpoint: string | undefined;
  /** The drafter's words, or empty to print the directive's own citation form. */
  children: Inline[];
  source: SourceRef;
  /** Filled by resolve. */
  directive?: Directive | undefined;
  /** The section (stable id) it stands in. */
  sectionId: string;
  /** Found in prose by the citation grammar rather than written as `:cite`. */
  detected?: DetectedKind | undefined;
  /** Registry ids a detected citation may name (a statute form with candidates); resolve picks one. */
  candidates?: string[] | undefined;
  /** For a detected citation of a form the registry does not know: the text as written. */
  written?: string | undefined;
}

/** What kind of form a citation found in prose was (see cite/detect.ts). */
export type DetectedKind = 'code' | 'enactment' | 'statute' | 'directive';

/** `:ref{to=...}`: a reference to a section of this ordinance by stable id. */
export interface SectionReference {
  type: 'sectionRef';
  targetId: string;
  pinpoint: string | undefined;
  source: SourceRef;
  /** The section (stable id) it stands in. */
  sectionId: string;
  /** Filled by resolve. */
  target?: Section | undefined;
  /** Found in prose ("Section 3(b)") rather than written as `:ref`: the text as written. */
  written?: string | undefined;
}

export type Block = Paragraph | Subdivision | List | Table | BlockQuote;

export interface Paragraph {
  type: 'paragraph';
  children: Inline[];
  source: SourceRef;
  /**
   * In quoted law: this paragraph is the heading line of a section of the
   * law quoted ("Sec. 7. Qualifications.", "SEC. 12H.1. HEADING."), and this
   * is the designation it names ("7", "12H.1").
   */
  sectionHeading?: string | undefined;
}

/** (a), (1), (A), (i): a numbered subdivision and what it holds. */
export interface Subdivision {
  type: 'subdivision';
  /** 1 = (a), 2 = (1), 3 = (A), 4 = (i). */
  level: number;
  /** The label without parentheses: "a", "1", "A", "iv". */
  label: string;
  /** "(b)(2)" from the section down. */
  path: string;
  /**
   * A designation printed as is ("1.", "A.", or in quoted law "\"(a)", with the
   * quote mark the drafter wrote before it); empty for the usual "(label)".
   */
  marker: string;
  /** Placed by `::subdivision` with an explicit depth rather than inferred from its marker. */
  explicit: boolean;
  /** In a comparative print: its designation is inserted (a new subdivision, or text newly designated) or struck (a subdivision struck whole). */
  change?: 'insertion' | 'deletion' | undefined;
  /** In a comparative print: the designation it had before it was redesignated, printed struck before its new one. */
  formerly?: string | undefined;
  /** The first paragraph's text after the marker. */
  children: Inline[];
  /** Continuation paragraphs, lists and child subdivisions. */
  blocks: Block[];
  source: SourceRef;
}

export interface List {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Block[][];
  source: SourceRef;
}

export interface Table {
  type: 'table';
  align: ('left' | 'right' | 'center' | null)[];
  header: Inline[][];
  rows: Inline[][][];
  source: SourceRef;
}

/** Quoted law (`>`): the text of the law an amendment inserts, the code's words, numbered by the code. */
export interface BlockQuote {
  type: 'blockquote';
  children: Block[];
  source: SourceRef;
}

/**
 * A section of a code that an ordinance quotes from a file of its own (a
 * section of a chapter it adds, in a sub-folder, `kind: code-section`): the
 * code's section, never one of the ordinance's. It belongs to the ordinance
 * section whose instruction quotes it: the one whose file is named as its
 * folder (`01-chapter-12h.md` for `01-chapter-12h/`), else the one before it.
 */
export interface QuotedSection {
  /** The code's designation ("12H.1"): `number:` in its front matter, else the one its heading line names. */
  designation: string;
  /** Its text as quoted law: a block quote of the file's blocks, its heading line first. */
  quote: BlockQuote;
  /** The file's Markdown after its front matter, as written: the quoted text, as a `>` block quote would hold it. */
  text: string;
  /** Where `text` stands in the file. */
  source: SourceRef;
  file: VFile;
}

export interface Section {
  /** Stable id from front matter; references use it. */
  id: string;
  /**
   * The printed number unless the section has a designation: the act's own (`number: "101"` in an act numbered by
   * titles), else one more than the section before (the position, 1-based, when no section gives its own).
   */
  number: number;
  /** A code's own designation ("24-211.07"), printed instead of the position. */
  designation: string | undefined;
  heading: string;
  kind: SectionKind;
  status: SectionStatus | undefined;
  /** In a comparative print or redline: the section is new, inserted whole, heading and all (compare/marked-section.ts). */
  change?: 'insertion' | undefined;
  statusNote: string | undefined;
  summary: string | undefined;
  blocks: Block[];
  /** Notes on the section (history, editor's notes...), not part of its text. */
  annotations: Annotation[];
  /** The groups (chapter, subchapter...) the section stands in, outermost first. */
  groups: Group[];
  /** The code's sections its instruction quotes from files of their own, in order (printed after its text as quoted law). */
  quoted: QuotedSection[];
  file: VFile;
}

/** `:::annotation{type=History}`: a note on a section, such as its history or an editor's note. */
export interface Annotation {
  type: string;
  attributes: Record<string, string>;
  blocks: Block[];
  source: SourceRef;
}

/** A chapter, subchapter or part: a folder of sections with its group.md. */
export interface Group {
  /** Folder path relative to the ordinance folder. */
  key: string;
  prefix: string;
  num: string;
  heading: string | undefined;
  /** 1 for a top-level group. */
  depth: number;
  file: VFile;
}

/** A registered prior directive (executive directive, special order, statute...). */
export interface Directive {
  meta: DirectiveMeta;
  /** The body: the directive's text or digest, as Markdown. */
  digest: string;
  file: VFile;
}

export interface Ordinance {
  slug: string;
  dir: string;
  meta: OrdinanceMeta;
  /** Optional preamble (recitals) before the enacting clause. */
  preamble: Block[];
  sections: Section[];
  /** Every group, in document order. */
  groups: Group[];
  terms: TermDefinition[];
  citations: Citation[];
  references: SectionReference[];
  file: VFile;
}
