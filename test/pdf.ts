/**
 * Read a PDF back as a reader would: metadata, text per page (everything,
 * and what a screen reader reads, without artifacts), outline, links, and the
 * roles of the structure tree.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReadBack {
  info: Record<string, unknown>;
  /** Every piece of text on each page, artifacts included. */
  pages: string[];
  /** Each page's text without artifacts (header, footer, line numbers, watermark): the reading text. */
  content: string[];
  /** Each page's artifact text. */
  artifacts: string[];
  outline: string[];
  links: { page: number; url?: string; dest?: unknown }[];
  /** Every role in the structure tree, with how often it occurs. */
  roles: Map<string, number>;
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  // pdfjs types the info dictionary as Object; its keys are the PDF's Info entries.
  const info = (await doc.getMetadata()).info as unknown as Record<string, unknown>;
  const pages: string[] = [];
  const content: string[] = [];
  const artifacts: string[] = [];
  const links: PdfReadBack['links'] = [];
  const roles = new Map<string, number>();
  const visit = (node: StructNode | null | undefined) => {
    if (!node) return;
    if (node.role) roles.set(node.role, (roles.get(node.role) ?? 0) + 1);
    node.children?.forEach(visit);
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await page.getTextContent({ includeMarkedContent: true });
    let all = '';
    let reading = '';
    let artifact = '';
    const stack: boolean[] = [];
    for (const item of text.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push((item as { tag?: string }).tag === 'Artifact' || stack.at(-1) === true);
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      const piece = item.str + (item.hasEOL ? '\n' : '');
      all += piece;
      if (stack.at(-1)) artifact += piece;
      else reading += piece;
    }
    pages.push(all);
    content.push(reading);
    artifacts.push(artifact);
    for (const annotation of await page.getAnnotations()) {
      // A relative link (summary.pdf to the ordinance's PDF) is only in unsafeUrl: pdfjs resolves URLs against no base.
      if (annotation.subtype === 'Link') links.push({ page: n, url: annotation.url ?? annotation.unsafeUrl, dest: annotation.dest });
    }
    visit((await page.getStructTree()) as StructNode | null);
  }
  const outline = ((await doc.getOutline()) ?? []).map((item: { title: string }) => item.title);
  await doc.destroy();
  return { info, pages, content, artifacts, outline, links, roles };
}

/** A structure element as a screen reader takes it: its role, and what it reads (its /Alt or /ActualText, else its contents'). */
export interface TaggedElement {
  role: string;
  /** The page (1-based) of the part of the element this is: an element running over pages has a part on each. */
  page: number;
  text: string;
  children: TaggedElement[];
}

/** An outline item with where it opens: the destination's kind and, for /XYZ, its left and top in PDF points. */
export interface Bookmark {
  title: string;
  depth: number;
  page: number;
  kind: string;
  left: number | null;
  top: number | null;
}

export interface TagsReadBack {
  /** Every structure element, in reading order (each page's part). */
  elements: TaggedElement[];
  bookmarks: Bookmark[];
  /** Every link annotation, with its /Contents. */
  annotations: { page: number; contents: string; dest?: unknown; url?: string }[];
  /** Each line of text drawn, with its baseline (PDF points from the page's foot), and with `fonts` its font's name ("ABCDEF+Tinos-Bold"). */
  lines: { page: number; text: string; x: number; baseline: number; font?: string }[];
}

/** Structure types that run on in the text around them (PDF 1.7, 14.8.4.4). */
const INLINE_ROLES = new Set(['Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'Warichu']);

interface PdfjsStructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: PdfjsStructNode[];
}

/**
 * Read a PDF's tags as a screen reader does: structure elements with their
 * reading text, bookmarks with their destinations, link annotations with
 * their descriptions; with `fonts`, the font of each line (each page's
 * drawing is read for it: slower).
 */
export async function readTags(bytes: Uint8Array, options: { fonts?: boolean } = {}): Promise<TagsReadBack> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const elements: TaggedElement[] = [];
  const annotations: TagsReadBack['annotations'] = [];
  const lines: TagsReadBack['lines'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    // The drawing loads the page's fonts, whose names the text's items then resolve to.
    if (options.fonts) await page.getOperatorList();
    const fontOf = (name: string): string | undefined => (options.fonts && page.commonObjs.has(name) ? (page.commonObjs.get(name) as { name?: string }).name : undefined);
    const text = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    const open: string[] = [];
    for (const item of text.items) {
      if ('type' in item) {
        // Marked content of no element of its own (an insertion's words as a copy reads them) is its element's.
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push((item as { id?: string | null }).id ?? open.at(-1) ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        continue;
      }
      const id = open.at(-1);
      if (id) byId.set(id, (byId.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
      if (item.str.trim()) {
        const font = fontOf(item.fontName);
        lines.push({ page: n, text: item.str, x: item.transform[4] as number, baseline: item.transform[5] as number, ...(font ? { font } : {}) });
      }
    }
    const spaced = new Map<TaggedElement, string>();
    const read = (node: PdfjsStructNode): TaggedElement | string => {
      if (!node.role) return node.type === 'content' ? (byId.get(node.id ?? '') ?? '') : '';
      const kids = (node.children ?? []).map(read);
      const children = kids.filter((k): k is TaggedElement => typeof k !== 'string');
      // A block element (a paragraph, a label) reads apart from what is beside it; an inline one (a link) runs on.
      const own = kids.map((k) => (typeof k === 'string' ? k : INLINE_ROLES.has(k.role) ? (spaced.get(k) ?? k.text) : ` ${k.text} `)).join('');
      const element: TaggedElement = { role: node.role, page: n, text: (node.alt ?? own).replace(/\s+/g, ' ').trim(), children };
      // Text standing for the glyphs (/ActualText) replaces them, not the space pdfjs puts before or after them (the gap to the
      // words beside them, which pdfjs reads into the piece next to it).
      if (node.role === 'Span' && node.alt !== undefined) spaced.set(element, `${/^\s/.test(own) ? ' ' : ''}${element.text}${/\s$/.test(own) ? ' ' : ''}`);
      return element;
    };
    const flatten = (element: TaggedElement) => {
      elements.push(element);
      element.children.forEach(flatten);
    };
    const root = (await page.getStructTree()) as PdfjsStructNode | null;
    for (const node of root?.children ?? []) {
      const element = read(node);
      if (typeof element !== 'string') flatten(element);
    }
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link')
        annotations.push({ page: n, contents: annotation.contentsObj?.str ?? '', dest: annotation.dest, url: annotation.url ?? annotation.unsafeUrl });
    }
  }
  const bookmarks: Bookmark[] = [];
  type OutlineItem = { title: string; dest: string | unknown[] | null; items: OutlineItem[] };
  const walk = async (items: OutlineItem[], depth: number) => {
    for (const item of items) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const [ref, kind, ...args] = (dest ?? []) as [{ num: number; gen: number }, { name: string }, ...(number | null)[]];
      const page = ref ? (await doc.getPageIndex(ref)) + 1 : 0;
      const xyz = kind?.name === 'XYZ';
      bookmarks.push({ title: item.title, depth, page, kind: kind?.name ?? '', left: xyz ? (args[0] ?? null) : null, top: xyz ? (args[1] ?? null) : null });
      await walk(item.items, depth + 1);
    }
  };
  await walk(((await doc.getOutline()) ?? []) as OutlineItem[], 1);
  await doc.destroy();
  return { elements, bookmarks, annotations, lines };
}
