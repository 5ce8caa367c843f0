/**
 * The frame every PDF kind is drawn in (the ordinance, the comparative print,
 * the redline, the digest): the document opened, its context built, the page
 * furniture hooked in, then, once the kind's body is drawn, the last page
 * finished, the structure tree closed, the page total written and the
 * document ended. A kind gives only its body.
 */
import type { Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template } from '../../template/template-schema.js';
import { pdfContext, type PdfContext, type RenderWorld } from './context.js';
import { drawPageFurniture, PageTotal } from './furniture.js';
import { splitLargeTrees } from './pdfa-trees.js';
import { openDocument, type DocumentInfo } from './setup.js';

/**
 * How a kind's pages get their furniture: `running`, as each page is finished
 * (header, footer, "Page X of Y", line numbers; pages are written as they are
 * finished, so memory stays flat however long the document); or a function
 * drawn on each page once the body is drawn (the pages are kept until then),
 * with the page's number (1-based) and the page count.
 */
export type Furniture = 'running' | ((ctx: PdfContext, page: number, pages: number) => void);

/** What a kind's frame is made from. */
export interface FrameOptions {
  /** What the document is of: its metadata, language and whether it is archival. */
  ordinance: Ordinance;
  template: Template;
  provenance: Provenance;
  world: RenderWorld;
  info: DocumentInfo;
  /** The ordinance the context draws from (its sections, references and citations), when not `ordinance`. */
  drawing?: Ordinance;
  furniture: Furniture;
  /** Note where each body line is drawn, for the running furniture's line numbers. */
  lineNumbers?: boolean;
}

/** A document drawn and ended. */
export interface Framed {
  /** The bytes, once written. */
  bytes: Promise<Buffer>;
  /** How many pages the document has. */
  pages: number;
  /** The context the body was drawn with. */
  ctx: PdfContext;
}

/** Open a document, draw `body` in it with its page furniture, and end it. */
export function drawFramed(options: FrameOptions, body: (ctx: PdfContext) => void): Framed {
  const { template, provenance, furniture } = options;
  const { doc, bytes } = openDocument(options.ordinance, template, provenance, options.info, furniture !== 'running');
  const ctx = pdfContext(doc, template, options.drawing ?? options.ordinance, provenance, options.world);
  const currentPage = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  if (furniture !== 'running') {
    body(ctx);
    ctx.tags.end();
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      furniture(ctx, i - range.start + 1, range.count);
    }
    doc.end();
    return { bytes, pages: range.count, ctx };
  }
  const stopRecording = options.lineNumbers ? recordBodyLines(ctx) : () => {};
  // Each page gets its furniture as it is finished, before the next begins; text running
  // over the page is still in its marked content then (furniture closes and reopens it).
  const total = new PageTotal(ctx);
  const finishPage = () => drawPageFurniture(ctx, currentPage(), total);
  doc.onLeavePage(finishPage);
  body(ctx);
  finishPage();
  doc.onLeavePage(null);
  stopRecording();
  ctx.tags.end();
  const pages = currentPage();
  // "Page X of Y" counts the ordinance's pages, not the appendix's.
  total.finish(ctx.appendixFrom === null ? pages : ctx.appendixFrom - 1);
  splitLargeTrees(doc);
  doc.end();
  return { bytes, pages, ctx };
}

/** Note where each line of body text is drawn (page, y), for the line numbers; returns what stops it. */
function recordBodyLines(ctx: PdfContext): () => void {
  ctx.doc.onTextFragment((text, y) => {
    if (ctx.inFurniture || ctx.appendixFrom !== null || !text.trim()) return;
    const range = ctx.doc.bufferedPageRange();
    const page = range.start + range.count - 1;
    let lines = ctx.bodyLines.get(page);
    if (!lines) {
      lines = new Set();
      ctx.bodyLines.set(page, lines);
    }
    // Pieces of one line (a marker and its text, runs of several styles) share one number.
    const y0 = Math.round(y);
    if (![...lines].some((seen) => Math.abs(seen - y0) <= 2)) lines.add(y0);
  });
  return () => ctx.doc.onTextFragment(null);
}
