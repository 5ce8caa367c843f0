/**
 * A PDF read back for the invariants, with pdfjs-dist (a development
 * dependency: this folder is used by `npm run verify` and the tests, never
 * by a build): each page's text pieces with their place, whether they are
 * artifacts and which marked content holds them, and the page's structure tree.
 */

/** One piece of text as pdfjs places it (PDF user space: y runs upward from the page's bottom). */
export interface PlacedText {
  str: string;
  /** Left end of the baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size on the page. */
  size: number;
  /** Drawn turned (the watermark): left out of the geometry. */
  rotated: boolean;
  /** Inside an /Artifact (header, footer, line numbers, watermark). */
  artifact: boolean;
  /** The marked content holding it (pdfjs's id, as the structure tree names it), if any. */
  content: string | null;
  /** pdfjs sees a line end after it. */
  lineEnd: boolean;
}

/** A node of a page's structure tree: an element with a role, or a leaf naming marked content. */
export interface StructNode {
  role?: string;
  /** What the element reads as, where it says (/Alt, or /ActualText). */
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

export interface PageReadBack {
  width: number;
  height: number;
  texts: PlacedText[];
  structure: StructNode | null;
}

interface MarkedItem {
  type: string;
  id?: string;
  tag?: string;
}

interface TextPiece {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** Every page of the PDF in `bytes`. */
export async function readPages(bytes: Uint8Array): Promise<PageReadBack[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PageReadBack[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const texts: PlacedText[] = [];
      // The open marked contents, innermost last: whether each is (inside) an artifact, and its id.
      const stack: { artifact: boolean; id: string | null }[] = [];
      for (const item of content.items as (MarkedItem | TextPiece)[]) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            const outer = stack.at(-1);
            stack.push({ artifact: item.tag === 'Artifact' || outer?.artifact === true, id: item.id ?? outer?.id ?? null });
          } else if (item.type === 'endMarkedContent') stack.pop();
          continue;
        }
        const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
        const open = stack.at(-1);
        texts.push({
          str: item.str,
          x: e,
          y: f,
          width: item.width,
          size: Math.hypot(c, d) || item.height,
          rotated: Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || a < 0,
          artifact: open?.artifact === true,
          content: open?.id ?? null,
          lineEnd: item.hasEOL,
        });
      }
      pages.push({ width, height, texts, structure: (await page.getStructTree()) as StructNode | null });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}
