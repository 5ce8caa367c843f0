/**
 * Render: the council PDF of an ordinance, assembled from small concerns on
 * one pdfkit document (title block, sections, signatures, page furniture).
 * The same model, template and provenance always give the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { Group, Ordinance } from '../../model/types.js';
import type { Provenance } from '../../provenance.js';
import type { Template } from '../template.js';
import type { DirectiveRelation } from '../../xref/relations.js';
import { drawRelationsAppendix } from './appendix.js';
import { drawSection } from './blocks.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { drawPageFurniture } from './furniture.js';
import { drawSignatures } from './signatures.js';
import { drawTitleBlock } from './title-block.js';

/** Sections in order, with the heading of each group (chapter, subchapter...) where it begins, nested in the outline. */
function drawSections(ctx: PdfContext): void {
  const { doc, layout } = ctx;
  let open: { group: Group; outline: PDFKit.PDFOutline }[] = [];
  for (const section of ctx.ordinance.sections) {
    let shared = 0;
    while (shared < open.length && open[shared]!.group === section.groups[shared]) shared++;
    open = open.slice(0, shared);
    for (const group of section.groups.slice(shared)) {
      const title = [group.prefix, group.num].filter(Boolean).join(' ') + (group.heading ? `. ${group.heading.replace(/\.$/, '')}.` : '.');
      const parent = open[open.length - 1]?.outline ?? doc.outline;
      const style = layout.group;
      doc.y += style.gapBefore;
      ensureSpace(ctx, 4 * lineHeight(ctx, style.size, layout.body.lineGap, style.font));
      const outline = parent.addItem(title);
      doc.font(fontName(style.font)).fontSize(style.size).fillColor(layout.colors.text);
      doc.text(title, doc.page.margins.left, doc.y, { width: widthFrom(ctx, doc.page.margins.left), align: style.align });
      doc.y += style.gapAfter;
      open.push({ group, outline });
    }
    drawSection(ctx, section, open[open.length - 1]?.outline ?? doc.outline);
  }
}

/** The PDF's document title: what a viewer shows in its title bar. */
export function documentTitle(ordinance: Ordinance): string {
  const { meta } = ordinance;
  return meta.number ? `Ordinance No. ${meta.number}: ${meta['short-title']}` : meta['short-title'];
}

/** Render `ordinance` to PDF bytes. */
export function renderOrdinancePdf(ordinance: Ordinance, template: Template, provenance: Provenance, relations: DirectiveRelation[] = []): Promise<Buffer> {
  const { layout, jurisdiction } = template;
  const { meta } = ordinance;
  const doc = new PDFDocument({
    size: layout.page.size,
    margins: layout.page.margins,
    bufferPages: true,
    autoFirstPage: true,
    displayTitle: true,
    lang: meta.language ?? jurisdiction.language,
    pdfVersion: '1.7',
    info: {
      Title: documentTitle(ordinance),
      Subject: meta.title,
      Author: jurisdiction.name,
      Keywords: [meta['short-title'], ...(meta.codifies ?? [])].join(', '),
      Creator: 'ordinance-pipeline',
      Producer: 'ordinance-pipeline (pdfkit)',
      CreationDate: provenance.date,
      ModDate: provenance.date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [role, file] of Object.entries(template.fontFiles)) doc.registerFont(fontName(role as keyof Template['fontFiles']), file);
  const ctx: PdfContext = { doc, layout, template, ordinance, provenance };
  doc.font(fontName('regular'));
  drawTitleBlock(ctx);
  drawSections(ctx);
  if (meta.type !== 'code-title') drawSignatures(ctx);
  drawRelationsAppendix(ctx, relations);
  drawPageFurniture(ctx);
  doc.end();
  return done;
}
