/**
 * The model of an amending instruction: what the amendment reader makes of a
 * sentence such as 'Section 25-374(a)(2) is amended by striking the phrase
 * "X" and inserting the phrase "Y" in its place.' (or of the annotation form
 * that states the same operation explicitly), and what the amendment applier
 * carries out on the code it targets. Both forms give the same model.
 *
 * This is the contract between the stages that read instructions
 * (pipeline/amend/read*), apply them (pipeline/amend/apply*) and show them
 * (the comparative print, amendments.json).
 */
import type { SourceRef } from '../model/types.js';

/** Where in the code an instruction acts. */
export interface AmendmentTarget {
  /** The code section's designation, as the code's section files give it: "24-211.07", "1-1163.01". */
  section: string;
  /**
   * The subdivision path below the section, outermost first, each with its
   * parentheses: ["(a)", "(4)", "(B)"]; empty for the whole section.
   */
  path: string[];
  /**
   * Which part of the target an instruction acts on: its whole text (default),
   * only its own text before its first child ("the lead-in language", "text"),
   * or its heading ("the section heading").
   */
  part?: 'all' | 'text' | 'heading' | undefined;
  /**
   * Which of the subdivisions each designation of `path` names, counted in
   * order among its siblings (1-based), where the law gives more than one the
   * same designation ("the second paragraph (17)"); the first where absent.
   */
  nth?: number[] | undefined;
  /**
   * An instruction on each of several code sections where its words stand,
   * `section` empty: every section of a title ("Strike "ABRA" wherever it
   * appears" below "Title 25 of the D.C. Official Code is amended as
   * follows:"; the start its sections' designations share, "25-"), or the
   * sections an amending act's section amended, as the code's history notes
   * say ("Section 6142 of the … Act is amended by striking …", where 6142
   * amended several).
   */
  within?: WithinTitle | WithinAmended | undefined;
}

/** Every section of a title of the code. */
export interface WithinTitle {
  kind: 'title';
  title: string;
  /** The start its sections' designations share ("25-"). */
  prefix: string;
}

/** The code sections an amending act's section amended, as the code's history notes say. */
export interface WithinAmended {
  kind: 'amended';
  /** The act's section, as the law cites it: "section 6142 of D.C. Law 24-45". */
  by: string;
  sections: string[];
}

/** Which occurrences of the struck or anchor words an instruction means. */
export type Occurrence =
  /** "each place it appears", "wherever it appears": all of them, at least one. */
  | { kind: 'every' }
  /** "the first time it appears": the nth (1-based) counted from the start. */
  | { kind: 'nth'; n: number }
  /** "the last time it appears". */
  | { kind: 'last' }
  /** No qualifier: the words must occur exactly once. */
  | { kind: 'only' };

/** Where inserted words go. */
export type InsertionPoint =
  /** Before or after given words ("by inserting the phrase "X" after the word "Y""). */
  | { kind: 'before' | 'after'; anchor: string; occurrence: Occurrence }
  /** At the beginning or end of the target's text ("at the end", "after the period"...). */
  | { kind: 'beginning' | 'end' };

export type AmendmentOperation =
  /** Strike words (and optionally insert others in their place). */
  | { op: 'strike'; words: string; occurrence: Occurrence; insert?: string | undefined }
  /** Insert words at a point, striking nothing. */
  | { op: 'insert'; words: string; at: InsertionPoint }
  /**
   * Add new subdivisions or a new section, given as Markdown in the format
   * (each subdivision with its marker): "by adding a new subsection (d) to read
   * as follows:" followed by the quoted text. `after` names the existing
   * sibling the new text follows, when the instruction says so.
   */
  | {
      op: 'add';
      text: string;
      designations: string[];
      after?: string | undefined;
      /**
       * A new section's heading: the instruction adds a whole section, whose
       * designation is the target's `section` (path empty, `designations` empty).
       */
      heading?: string | undefined;
      /**
       * The group of the code the new sections make up, when the instruction
       * adds one whole ("by adding Chapter 12H, consisting of Sections 12H.1
       * through 12H.6"): its own folder in the code, headed as the quoted text
       * heads it ("CHAPTER 12H: IMMIGRATION STATUS").
       */
      group?: NewGroup | undefined;
    }
  /** Replace the whole target with new text ("is amended to read as follows:"). */
  | { op: 'rewrite'; text: string }
  /** Repeal the target (a section or subdivision). */
  | { op: 'repeal' }
  /** Redesignate subdivisions: "(4)" becomes "(5)", in order. */
  | {
      op: 'redesignate';
      from: string[];
      to: string[];
      /** Which of the subdivisions `from`'s one designation names, where several share it ("The second subsection (k) is redesignated as subsection (l)"). */
      nth?: number | undefined;
    };

/** A group of the code (a chapter, an article) that an instruction adds whole. */
export interface NewGroup {
  /** The group's word, as the code's group files write it: "Chapter". */
  prefix: string;
  /** Its designation: "12H". */
  num: string;
  /** Its heading, as the quoted text gives it ("IMMIGRATION STATUS"), when it does. */
  heading?: string | undefined;
}

/** One amending instruction, as read from the ordinance. */
export type Instruction = AmendmentOperation & {
  target: AmendmentTarget;
  /** The sentence (or annotation) the instruction was read from, as written. */
  prose: string;
  /** Where it stands in the ordinance's sources. */
  source: SourceRef;
  /** Read from prose by the jurisdiction's amendment grammar, or written as an annotation. */
  form: 'prose' | 'annotation';
  /** The ordinance section (stable id) that holds it. */
  sectionId: string;
  /**
   * The act the target section codifies, as the sentence or its lead-in
   * names it by law ("D.C. Law 16-69"): the act its new words call "this
   * act", whose "section 106" they cite (what codifying reads them in).
   */
  act?: string | undefined;
};

/** One of the codifier's conforming edits of the words an instruction puts into the code (amend/codify.ts): never of the act. */
export interface ConformingEdit {
  kind: 'conforming';
  /** The act's words. */
  before: string;
  /** The code's. */
  after: string;
  /** Why: the rule and what the code says ("section 106 of D.C. Law 6-99 is § 4-251.06, as the code's history notes say"). */
  why: string;
}

/** What became of an instruction when applied to the code. */
export interface InstructionOutcome {
  instruction: Instruction;
  applied: boolean;
  /** Why it did not apply: its target is not in the code (`amendment-target`), or it does not fit what the law there says (`amendment-applies`). */
  failure?: 'target' | 'applies' | undefined;
  /** Why it did not apply, quoting what the law holds there. */
  reason?: string | undefined;
  /** The words struck and inserted, as applied (for amendments.json and the comparative print). */
  struck: string[];
  inserted: string[];
  /** The codifier's conforming edits of its words, when the code is codified (`amend --codify`): the words inserted are the code's. */
  conforming?: ConformingEdit[] | undefined;
}
