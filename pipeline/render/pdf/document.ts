/**
 * Render: the council PDF of an ordinance, assembled from small concerns on
 * one pdfkit document (title block, sections, signatures, page furniture).
 * The same model, template and provenance always give the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { Ordinance } from '../../model/types.js';
import type { Provenance } from '../../provenance.js';
import type { Template } from '../template.js';
import { drawSection } from './blocks.js';
import { fontName, type PdfContext } from './context.js';
import { drawPageFurniture } from './furniture.js';
import { drawSignatures } from './signatures.js';
import { drawTitleBlock } from './title-block.js';

/** The PDF's document title: what a viewer shows in its title bar. */
export function documentTitle(ordinance: Ordinance): string {
  const { meta } = ordinance;
  return meta.number ? `Ordinance No. ${meta.number}: ${meta['short-title']}` : meta['short-title'];
}

/** Render `ordinance` to PDF bytes. */
export function renderOrdinancePdf(ordinance: Ordinance, template: Template, provenance: Provenance): Promise<Buffer> {
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
  for (const section of ordinance.sections) drawSection(ctx, section);
  drawSignatures(ctx);
  drawPageFurniture(ctx);
  doc.end();
  return done;
}
