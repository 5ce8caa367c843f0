/**
 * summary.pdf: the plain-language digest on the ordinance's template (fonts,
 * page, colours), tagged like the ordinance (headings, paragraphs, lists,
 * links; the footer as an artifact), and PDF/A-1b for adopted versions.
 */
import type { List, PhrasingContent, Root, RootContent } from 'mdast';
import type { Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template } from '../../template/template-schema.js';
import { numberName, vocabularyOf } from '../../template/vocabulary.js';
import { fontName, type PdfContext, type RenderWorld } from './context.js';
import { drawFramed } from './frame.js';
import { drawWatermark } from './furniture.js';
import { COMPARATIVE_PRINT } from './destinations.js';
import { liveLink } from './inline.js';
import { runOptions } from './pdfkit.js';
import type { Role } from './tags.js';
import { breakLongWords } from './wrap.js';

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

function runs(nodes: PhrasingContent[], style: Omit<Run, 'text'> = { bold: false, italic: false, link: null }): Run[] {
  return nodes.flatMap((node): Run[] => {
    if (node.type === 'text') return [{ text: node.value, ...style }];
    if (node.type === 'strong') return runs(node.children, { ...style, bold: true });
    if (node.type === 'emphasis') return runs(node.children, { ...style, italic: true });
    if (node.type === 'link') return runs(node.children, { ...style, link: node.url });
    if (node.type === 'inlineCode') return [{ text: node.value, ...style }];
    return [];
  });
}
/** The digest shows no images: nothing to ask of the world. */
const NO_IMAGES: RenderWorld = { imageProblem: () => 'the digest shows no images' };

export function renderSummaryPdf(ordinance: Ordinance, tree: Root, template: Template, provenance: Provenance): Promise<Buffer> {
  const { meta } = ordinance;
  const info = {
    title: `${meta['short-title']}: Legislative Digest`,
    subject: `Plain-language summary of ${numberName(vocabularyOf(template.jurisdiction), meta.number) ?? meta['short-title']}`,
  };
  return drawFramed({ ordinance, template, provenance, world: NO_IMAGES, info, furniture: drawFooter }, (ctx) => drawDigest(ctx, tree)).bytes;
}

/** The digest's headings (bookmarked), paragraphs and lists, tagged. */
function drawDigest({ doc, tags, layout, ordinance }: PdfContext, tree: Root): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const size = layout.body.size;

  const line = () => doc.font(fontName('regular')).fontSize(size).currentLineHeight(true) + 3;
  const ownPdf = /^[^:/?#\\]+\.pdf#/;
  // The ordinance's PDF and its comparative print, beside the digest: a link opens them at a section.
  const ownFiles = [`${ordinance.slug}.pdf`, COMPARATIVE_PRINT];
  const paragraph = (content: PhrasingContent[], x: number, role: Role = 'P', fontSize = size) => {
    // Live links: the web and mail, and the sections of this ordinance's own PDF; any other prints as text.
    const pieces = runs(content)
      .filter((r) => r.text)
      .map((r) => ({ ...r, link: ownPdf.test(r.link ?? '') && ownFiles.some((file) => r.link?.startsWith(`${file}#`)) ? r.link : liveLink(r.link) }));
    if (!pieces.length) return;
    tags.leaf(role, () => {
      pieces.forEach((run, i) => {
        const font = run.bold && run.italic ? 'boldItalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'regular';
        doc
          .font(fontName(font))
          .fontSize(fontSize)
          .fillColor(run.link ? layout.colors.link : layout.colors.text);
        const options = runOptions({ continued: i < pieces.length - 1, width: width - (x - left), lineGap: 3, link: run.link });
        const text = breakLongWords(doc, run.text, width - (x - left));
        const draw = () => (i === 0 ? doc.text(text, x, doc.y, options) : doc.text(text, options));
        // A link to a section of the ordinance opens its PDF at the section (a GoToR action, CouncilDocument.link).
        if (run.link) tags.link(draw, run.text);
        else draw();
      });
    });
    doc.fillColor(layout.colors.text);
    doc.x = left;
  };
  const drawList = (node: List) =>
    tags.group('L', () =>
      node.children.forEach((item, i) => {
        // The bullet stays with the first two lines of its text: never alone at the foot of a page.
        if (doc.y + 2 * line() > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        tags.group('LI', () => {
          tags.leaf('Lbl', () =>
            doc
              .font(fontName('regular'))
              .fontSize(size)
              .text(node.ordered ? `${i + 1}.` : layout.list.bullet, left, y, { width: layout.list.indent, lineBreak: false }),
          );
          doc.y = y;
          tags.group('LBody', () => {
            for (const child of item.children) {
              if (child.type === 'paragraph') paragraph(child.children, left + layout.list.indent);
              else block(child);
            }
          });
        });
        doc.y += 4;
      }),
    );
  const block = (node: RootContent) => {
    if (node.type === 'heading') {
      doc.y += node.depth === 1 ? 0 : 10;
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      const title = runs(node.children)
        .map((r) => r.text)
        .join('');
      if (node.depth > 1) doc.addBookmark(doc.outline, title, left, doc.y);
      paragraph([{ type: 'strong', children: node.children }], left, node.depth === 1 ? 'H1' : 'H2', node.depth === 1 ? 16 : 13);
      doc.y += 6;
    } else if (node.type === 'paragraph') {
      paragraph(node.children, left);
      doc.y += 8;
    } else if (node.type === 'list') drawList(node);
  };
  tree.children.forEach(block);
}

/** The footer of each page: what this is, and "Page X of Y" (artifacts); the watermark on unadopted text. */
function drawFooter({ doc, tags, layout, ordinance }: PdfContext, page: number, pages: number): void {
  const { meta } = ordinance;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const margins = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  if (layout.watermark.statuses.includes(meta.status)) tags.artifact('Background', () => drawWatermark(doc, layout));
  tags.artifact('Pagination', () => {
    doc.font(fontName(layout.footer.font)).fontSize(layout.footer.size).fillColor(layout.colors.text);
    doc.text(`Legislative Digest · version ${meta.version}`, margins.left, layout.footer.y, { width, align: 'left', lineBreak: false });
    doc.text(`Page ${page} of ${pages}`, margins.left, layout.footer.y, { width, align: 'right', lineBreak: false });
  });
  doc.page.margins = margins;
}
