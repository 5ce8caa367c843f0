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
  | 'TOCI'
  | 'Reference'
  | 'Div'
  | 'Span';

export type { ArtifactType };

/**
 * PDF/A-1 (PDF 1.4) arrays hold at most 8,191 entries, and an element's
 * kids are one array (/K): a section of tens of thousands of paragraphs, or
 * a paragraph running over thousands of pages (a piece of marked content on
 * each), would overflow it. Past this many kids, the next ones go into a
 * grouping element inside it (a Div in a grouping element, a Span in a leaf),
 * each holding as many, in reading order.
 */
export const KIDS_PER_ELEMENT = 4000;

interface Open {
  element: Element;
  role: Role;
  /** Kids added directly. */
  kids: number;
  /** The grouping element taking kids past KIDS_PER_ELEMENT. */
  overflow?: Open;
  leaf: boolean;
}

export class StructureTree {
  private readonly stack: Open[];
  /** True while inside a leaf's marked content (a Link must close and reopen it). */
  private inLeaf = false;

  constructor(private readonly doc: Doc) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.stack = [{ element: root, role: 'Document', kids: 0, leaf: false }];
  }

  private get top(): Open {
    return this.stack[this.stack.length - 1]!;
  }

  /** Add `child` to `parent`, or to the grouping element that takes its kids past KIDS_PER_ELEMENT. */
  private add(parent: Open, child: Element | PDFKit.PDFStructureContent): void {
    if (parent.kids < KIDS_PER_ELEMENT) {
      parent.kids++;
      parent.element.add(child);
      if (!('add' in child)) this.doc.ownContent(child, parent.element);
      return;
    }
    if (!parent.overflow || parent.overflow.kids >= KIDS_PER_ELEMENT) {
      const role: Role = parent.leaf ? 'Span' : 'Div';
      const overflow: Open = { element: this.doc.struct(role), role, kids: 0, leaf: parent.leaf };
      // Directly in the parent, past its count: 4,191 of them hold 16 million kids.
      parent.element.add(overflow.element);
      parent.overflow = overflow;
    }
    this.add(parent.overflow, child);
  }

  /** A grouping element (Sect, L, LI, Table, TR…): what `body` draws goes inside it. */
  group(role: Role, body: () => void, options: StructureOptions = {}): void {
    const element = this.doc.struct(role, options);
    this.add(this.top, element);
    this.stack.push({ element, role, kids: 0, leaf: false });
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
    this.add(this.top, element);
    const open: Open = { element, role, kids: 0, leaf: true };
    this.stack.push(open);
    this.add(open, this.doc.markStructureContent(role));
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

  /**
   * A heading run in to the paragraph after it ("Sec. 2." before "Section 103
   * of … is amended as follows:"): two elements, the heading and then `role`,
   * drawn by one `draw` on the same lines. The heading holds what is drawn
   * until `draw` calls `headingDone()`; the paragraph, the rest. A screen
   * reader's list of headings names the section, and it reads in order.
   */
  runInHeading(heading: Role, role: Role, draw: (headingDone: () => void) => void): void {
    const parent = this.top;
    let open: Open = { element: this.doc.struct(heading), role: heading, kids: 0, leaf: true };
    this.add(parent, open.element);
    this.stack.push(open);
    this.add(open, this.doc.markStructureContent(heading));
    const outer = this.inLeaf;
    this.inLeaf = true;
    let done = false;
    const headingDone = () => {
      if (done) return;
      done = true;
      this.doc.endMarkedContent();
      this.stack.pop();
      open.element.end();
      open = { element: this.doc.struct(role), role, kids: 0, leaf: true };
      this.add(parent, open.element);
      this.stack.push(open);
      this.add(open, this.doc.markStructureContent(role));
    };
    try {
      draw(headingDone);
      headingDone();
    } finally {
      this.doc.endMarkedContent();
      this.inLeaf = outer;
      this.stack.pop();
      open.element.end();
    }
  }

  /**
   * A Link element (inside a leaf: a stretch of it), so the link annotation
   * belongs to it. `text` is what it reads as; `description`, what it goes to,
   * is each annotation's /Contents ("Section 3. Definitions", a web address).
   */
  link(draw: () => void, text: string, description: string = text, options: StructureOptions = {}): void {
    const describe = () => this.doc.describingLinks(description, draw);
    // Text that stands for what is printed (/ActualText) replaces the alternate description.
    const structure = options.actual ? options : { alt: text, ...options };
    if (!this.inLeaf) {
      this.leaf('Link', describe, structure);
      return;
    }
    const parent = this.top;
    this.doc.endMarkedContent();
    this.add(
      parent,
      this.doc.struct('Link', structure, () => describe()),
    );
    this.add(parent, this.doc.markStructureContent(parent.role));
  }

  /**
   * Inside a leaf: a stretch of it as a Span whose /ActualText is `actual`
   * (an insertion, "[inserted: five]"), so a screen reader and a copy from
   * the tags tell it from the words around it. A Link may sit inside it.
   */
  span(draw: () => void, actual: string): void {
    if (!this.inLeaf) {
      this.leaf('Span', draw, { actual });
      return;
    }
    const parent = this.top;
    this.doc.endMarkedContent();
    const element = this.doc.struct('Span', { actual });
    this.add(parent, element);
    const open: Open = { element, role: 'Span', kids: 0, leaf: true };
    this.stack.push(open);
    this.add(open, this.doc.markStructureContent('Span'));
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
      this.stack.pop();
      element.end();
      this.add(parent, this.doc.markStructureContent(parent.role));
    }
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
      if (parent) this.add(parent, this.doc.markStructureContent(parent.role));
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
