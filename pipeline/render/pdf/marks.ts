/**
 * How a document prints a change, as its form says: the type style of
 * inserted and deleted words (underlined, doubly underlined, struck through,
 * in italics, in the form's alternate face), the marks printed around struck
 * words ("((…))"), and the words a screen reader and a copy read around
 * each ("[inserted: …]"). A change the document makes to the code takes the
 * form's code marks; in a redline between two versions of the document, a
 * change the later version makes to the document itself takes the form's
 * revision marks where it has them (San Francisco's Board amendments).
 */
import type { FontFace, FontRole, Layout } from '../../template/template-schema.js';

export type ChangeKind = 'insertion' | 'deletion';

export interface ChangeMarks {
  underline: boolean;
  /** Two lines under the words, not one. */
  double: boolean;
  strike: boolean;
  italic: boolean;
  /** Drawn in the layout's alternate family. */
  alternate: boolean;
  /** Printed before and after the words ("((" and "))"); empty where the type style alone marks them. */
  printedOpen: string;
  printedClose: string;
  /** Read before and after the words, in the tags and the text layer, where nothing printed says what they are. */
  readOpen: string;
  readClose: string;
}

/** What marks a change: `revision` a change a comparison found (not a drafter's `:ins`), `redline` the document a redline between its own versions. */
export function changeMarks(layout: Pick<Layout, 'amendment'>, change: ChangeKind, revision: boolean, redline: boolean): ChangeMarks {
  const { amendment } = layout;
  const own = revision && redline ? amendment.revisions : undefined;
  if (change === 'insertion') {
    const style = own?.insertionStyle ?? amendment.insertionStyle ?? { underline: true, italic: false };
    return {
      underline: style.underline,
      double: style.double === true,
      strike: false,
      italic: style.italic,
      alternate: style.face === 'alternate',
      printedOpen: '',
      printedClose: '',
      readOpen: own?.open ?? amendment.insertionOpen,
      readClose: amendment.insertionClose,
    };
  }
  const style = own?.deletionStyle ?? amendment.deletionStyle ?? { strike: true, italic: false };
  // A revision struck through is marked by its type style alone: the Board prints no parentheses around its own deletions.
  const printed = own ? ['', ''] : [amendment.deletionOpen, amendment.deletionClose];
  return {
    underline: false,
    double: false,
    strike: style.strike,
    italic: style.italic,
    alternate: style.face === 'alternate',
    printedOpen: printed[0]!,
    printedClose: printed[1]!,
    readOpen: own?.deletedOpen ?? amendment.deletedOpen ?? '[deleted: ',
    readClose: amendment.deletedClose ?? ']',
  };
}

/** Whether struck words are marked by their type style alone, so a reader must be told they are struck. */
export function readAsStruck(marks: ChangeMarks): boolean {
  return marks.printedOpen === '' && marks.printedClose === '';
}

/** The face a role prints in, in the main family or the alternate one. */
export function faceOf(role: FontRole, alternate: boolean): FontFace {
  return alternate ? `alternate-${role}` : role;
}
