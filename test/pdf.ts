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
