/**
 * The state every PDF concern shares: the pdfkit document, the template and
 * the ordinance, with small helpers for fonts and page space.
 */
import type { Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { FontFace, FontRole, Layout, Template } from '../../template/template-schema.js';
import type { CouncilDocument } from './pdfkit.js';
import { StructureTree } from './tags.js';

/** What drawing needs of the world, given by the runner: why an image file may not be shown (null when it may; load/image-files.ts `imageProblem`). */
export interface RenderWorld {
  imageProblem(file: string, folder: string): string | null;
}

export interface PdfContext {
  doc: CouncilDocument;
  world: RenderWorld;
  layout: Layout;
  template: Template;
  ordinance: Ordinance;
  provenance: Provenance;
  /** The structure tree being built (tagged PDF). */
  tags: StructureTree;
  /** Heading level of the section being drawn (H2 in an ordinance; one deeper than the groups it is in). */
  sectionHeadingDepth: number;
  /** Where each body line was drawn, by page index: the line numbers' positions. */
  bodyLines: Map<number, Set<number>>;
  /** True while page furniture is drawn: its text is not a body line. */
  inFurniture: boolean;
  /** The page (1-based) the appendix, which is not part of what is enacted, starts on: from it pages are the appendix's own, unnumbered as the ordinance's and without line numbers. */
  appendixFrom: number | null;
  /** The page index each section starts on (for the table of contents). */
  sectionPages: Map<string, number>;
  /** What each named destination and web address links go to is, in words (links.ts). */
  linkTargets: Map<string, string>;
  /** Words the next paragraph begins with, in bold: the enacting clause run in to the first section. */
  leadIn: string | null;
  /** The lead-in is the section's label run in ("Sec. 2."): tagged as the section's heading, not as words of the paragraph. */
  leadInIsHeading: boolean;
  /** Where the quoted law being drawn begins, in points from the left margin (null outside quoted law): its subdivisions hang from there. */
  quoteInset: number | null;
  /** The document is the ordinance itself, whose enacting clause may run in to its first section; not a print of the code's sections, a redline or a digest. */
  enacting: boolean;
  /** The document is a redline between two versions of the ordinance: the changes it shows are the ordinance's own, marked as the form marks them (marks.ts), apart from the code changes the ordinance marks. */
  redline: boolean;
}

/** The state of a new document: nothing drawn, no tags, sections headed at H2. */
export function pdfContext(doc: CouncilDocument, template: Template, ordinance: Ordinance, provenance: Provenance, world: RenderWorld): PdfContext {
  return {
    doc,
    world,
    layout: template.layout,
    template,
    ordinance,
    provenance,
    tags: new StructureTree(doc),
    sectionHeadingDepth: 2,
    bodyLines: new Map(),
    inFurniture: false,
    appendixFrom: null,
    sectionPages: new Map(),
    linkTargets: new Map(),
    leadIn: null,
    leadInIsHeading: false,
    quoteInset: null,
    enacting: false,
    redline: false,
  };
}

/** Font name registered for a face: a role of the main family ("bold") or of the alternate one ("alternate-italic"). */
export function fontName(face: FontFace): string {
  return `ordinance-${face}`;
}

/** Height of one body line at `size` with `lineGap`. */
export function lineHeight(ctx: PdfContext, size: number, lineGap: number, role: FontRole = 'regular'): number {
  ctx.doc.font(fontName(role)).fontSize(size);
  return ctx.doc.currentLineHeight(true) + lineGap;
}

/** Start a new page unless `height` points fit below the cursor. */
export function ensureSpace(ctx: PdfContext, height: number): void {
  const { doc } = ctx;
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + height > bottom) doc.addPage();
}

/** Width available from `x` to the right margin. */
export function widthFrom(ctx: PdfContext, x: number): number {
  return ctx.doc.page.width - ctx.doc.page.margins.right - x;
}
