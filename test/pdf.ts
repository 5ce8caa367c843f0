/** Read a PDF back as a reader would: metadata, text per page, outline, links. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReadBack {
  info: Record<string, unknown>;
  pages: string[];
  outline: string[];
  links: { page: number; url?: string; dest?: unknown }[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  // pdfjs types the info dictionary as Object; its keys are the PDF's Info entries.
  const info = (await doc.getMetadata()).info as unknown as Record<string, unknown>;
  const pages: string[] = [];
  const links: PdfReadBack['links'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    pages.push(text);
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === 'Link') links.push({ page: n, url: annotation.url, dest: annotation.dest });
    }
  }
  const outline = ((await doc.getOutline()) ?? []).map((item: { title: string }) => item.title);
  await doc.destroy();
  return { info, pages, outline, links };
}
