/**
 * The one place that reaches into pdfkit beyond its documented API: this
 * file and the concerns it mixes into `CouncilDocument` (pdfkit-*.ts: pages,
 * page tree, text fragments, fonts, links, outline, tagging, objects). Every
 * other render module uses pdfkit's public methods and the typed methods of
 * `CouncilDocument`. Each use of an internal says what pdfkit does that we
 * depend on, and why; test/pdfkit.test.ts pins each of them, so a pdfkit
 * upgrade that changes one fails there, naming it, instead of drawing wrong
 * pages. The internals are those of pdfkit 0.20.2, pinned exactly in
 * package.json.
 */
import { PdfkitBase } from './pdfkit-base.js';
import { withFonts } from './pdfkit-fonts.js';
import { withLinks } from './pdfkit-links.js';
import { withObjects } from './pdfkit-objects.js';
import { withOutline } from './pdfkit-outline.js';
import { withPages, withPageTree } from './pdfkit-pages.js';
import { withTagging } from './pdfkit-tagging.js';
import { withText } from './pdfkit-text.js';

export type { PdfkitFont } from './pdfkit-base.js';
export { FormXObject, PdfTree } from './pdfkit-objects.js';
export type { ArtifactType } from './pdfkit-tagging.js';
export type { TextState } from './pdfkit-text.js';

/** The subsets pdfkit knows; its type definitions lack 'PDF/UA'. */
export type PdfSubset = PDFKit.Mixins.PDFSubsets | 'PDF/UA';

export interface CouncilDocumentOptions extends Omit<PDFKit.PDFDocumentOptions, 'subset'> {
  subset?: PdfSubset;
}

/** Structure element options; pdfkit 0.20 reads `scope` (a TH's /Scope attribute), its type definitions lack it. */
export interface StructureOptions extends PDFKit.Mixins.StructureElementOptions {
  scope?: 'Row' | 'Column' | 'Both';
}

/**
 * pdfkit's document with the concerns the council PDF needs, each a mixin in
 * a file of its own, as pdfkit builds its PDFDocument. Order matters where
 * two concerns override one pdfkit method: text fragments reach the fonts
 * once made plain (withText over withFonts), the page being left is finished
 * before the page tree takes a new page (withPages over withPageTree), and
 * continued marked content is entered once pdfkit has reopened it
 * (withPages over withTagging).
 */
const Composed = withPages(withPageTree(withText(withFonts(withLinks(withOutline(withTagging(withObjects(PdfkitBase))))))));

/** A pdfkit document with the few hooks and internals the council PDF needs, typed. */
export class CouncilDocument extends Composed {
  constructor(options: CouncilDocumentOptions) {
    super(options as PDFKit.PDFDocumentOptions);
  }
}

/**
 * Text for the document information: pdfkit writes info values into the Info
 * dictionary through valueOf() and into the XMP metadata through toString()
 * (a template literal), without escaping. A String object whose toString()
 * is XML-escaped keeps both right.
 */
export function infoText(text: string): string {
  const value = new String(text);
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  value.toString = () => escaped;
  return value as unknown as string;
}

/** A run of a paragraph: `link` and `goTo` null say "no link" (see runOptions). */
export interface RunOptions extends Omit<PDFKit.Mixins.TextOptions, 'link' | 'goTo'> {
  link: string | null;
  goTo?: string | null;
  /** Two lines under the words (drawn by pdfkit-fonts.ts decorate); false, not undefined, ends it (see runOptions). */
  doubleUnderline?: boolean;
}

/**
 * Text options for one run of a continued paragraph. pdfkit carries every
 * option a continued run leaves undefined over from the run before (its
 * private _textOptions); it tests links with `!= null`, so null ends a link
 * where undefined would extend it.
 */
export function runOptions(options: RunOptions): PDFKit.Mixins.TextOptions {
  return options as unknown as PDFKit.Mixins.TextOptions;
}
