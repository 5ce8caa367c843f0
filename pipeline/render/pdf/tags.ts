/**
 * The structure tree of a tagged PDF, built as the pages are drawn: what a
 * screen reader reads (headings, paragraphs, lists, tables, links) in reading
 * order, and what it skips (header, footer, line numbers, watermark, rules)
 * as artifacts. Every drawing concern goes through this one small API, so no
 * content is left outside both.
 */
import type { ArtifactType, CouncilDocument, StructureOptions } from './pdfkit.js';

type Doc = CouncilDocument;
type Element = PDFKit.PDFStructureElement;

/** Roles used (PDF 1.7 standard structure types). */
export type Role =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Link'
  | 'BlockQuote'
  | 'Figure'
  | 'TOC'
  | 'TOCI';

export type { ArtifactType };

export class StructureTree {
  private readonly stack: { element: Element; role: Role }[];
  /** True while inside a leaf's marked content (a Link must close and reopen it). */
  private inLeaf = false;

  constructor(private readonly doc: Doc) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.stack = [{ element: root, role: 'Document' }];
  }

  private get top(): { element: Element; role: Role } {
    return this.stack[this.stack.length - 1]!;
  }

  /** A grouping element (Sect, L, LI, Table, TR…): what `body` draws goes inside it. */
  group(role: Role, body: () => void, options: StructureOptions = {}): void {
    const element = this.doc.struct(role, options);
    this.top.element.add(element);
    this.stack.push({ element, role });
    try {
      body();
    } finally {
      this.stack.pop();
      element.end();
    }
  }

  /** An element whose content `draw` draws (P, H2, Lbl, TD…). */
  leaf(role: Role, draw: () => void, options: StructureOptions = {}): void {
    const element = this.doc.struct(role, options);
    this.top.element.add(element);
    this.stack.push({ element, role });
    element.add(this.doc.markStructureContent(role));
    const outer = this.inLeaf;
    this.inLeaf = true;
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
      this.inLeaf = outer;
      this.stack.pop();
      element.end();
    }
  }

  /** Inside a leaf: a stretch of it as a Link element, so the link annotation belongs to it. */
  link(draw: () => void, alt: string): void {
    if (!this.inLeaf) {
      this.leaf('Link', draw, { alt });
      return;
    }
    const parent = this.top;
    this.doc.endMarkedContent();
    parent.element.add(this.doc.struct('Link', { alt }, () => draw()));
    parent.element.add(this.doc.markStructureContent(parent.role));
  }

  /** Drawing that is not content: page furniture, line numbers, rules, the watermark. */
  artifact(type: ArtifactType, draw: () => void): void {
    // An artifact may not sit inside a structure element's marked content: close and reopen it.
    const parent = this.inLeaf ? this.top : null;
    if (parent) this.doc.endMarkedContent();
    this.doc.markArtifact(type);
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
      if (parent) parent.element.add(this.doc.markStructureContent(parent.role));
    }
  }

  /** Close the tree (before the document ends). */
  end(): void {
    this.stack[0]!.element.end();
  }
}

/** The heading role for a depth (1 = H1), capped at H6. */
export function headingRole(depth: number): Role {
  return `H${Math.min(6, Math.max(1, depth))}` as Role;
}
