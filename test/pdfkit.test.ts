/**
 * Pins what the council PDF takes from pdfkit beyond its documented API
 * (pipeline/render/pdf/pdfkit.ts, written against pdfkit 0.20.2). Each test
 * names the internal it pins and reads the result back from the PDF, so a
 * pdfkit upgrade that changes one fails here, by name, instead of drawing
 * wrong pages.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { CouncilDocument, infoText, runOptions, type CouncilDocumentOptions, type StructureOptions } from '../pipeline/render/pdf/pdfkit.js';
import { tempDir } from './helpers.js';
import { readPdf } from './pdf.js';
import { preflight } from './preflight.js';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf');
const ARMENIAN = require.resolve('@fontsource/noto-sans-armenian/files/noto-sans-armenian-armenian-400-normal.woff');
const PAGE_HEIGHT = 792;

/** A letter-size document with uncompressed streams (so they can be read), the two fonts registered, regular selected. */
function open(options: Partial<CouncilDocumentOptions> = {}): { doc: CouncilDocument; bytes: Promise<Buffer> } {
  const doc = new CouncilDocument({ size: 'LETTER', margins: { top: 72, bottom: 72, left: 72, right: 72 }, compress: false, info: { CreationDate: new Date(0) }, ...options });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('regular').fontSize(12);
  return { doc, bytes };
}

async function finish(doc: CouncilDocument, bytes: Promise<Buffer>): Promise<Buffer> {
  doc.end();
  return bytes;
}

function load(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The body of indirect object `id` as written (uncompressed). */
function object(pdf: Buffer, id: number): string {
  const text = pdf.toString('latin1');
  const start = text.indexOf(`\n${id} 0 obj`);
  expect(start, `object ${id} is in the file`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf('endobj', start));
}

const PARAGRAPH = 'Every person who operates a vehicle for hire shall keep the license issued under this section in the vehicle and shall show it on request. '.repeat(3).trim();

describe('pdfkit internals the council PDF depends on (pdfkit 0.20.2)', () => {
  it('addPage()/continueOnNewPage() overrides: the page being left is finished once, while still current, by a break or by overflowing text', async () => {
    const { doc, bytes } = open();
    const left: number[] = [];
    doc.onLeavePage(() => {
      const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
      left.push(page);
      doc.text(`finished page ${page}`, 72, 30, { lineBreak: false });
    });
    doc.text('first page');
    doc.addPage();
    // Text running over the bottom: pdfkit's line wrapper calls continueOnNewPage(), which calls addPage().
    doc.text(`${PARAGRAPH}\n`.repeat(12), 72, 72, { width: 468 });
    doc.onLeavePage(null);
    const { pages } = await readPdf(await finish(doc, bytes));
    expect(pages.length, 'the text ran over at least one page').toBeGreaterThanOrEqual(3);
    expect(left, 'one call per page left, none twice (continueOnNewPage calls addPage)').toEqual(pages.slice(1).map((_, i) => i + 1));
    pages.slice(0, -1).forEach((text, i) => {
      expect(text, `drawn on page ${i + 1}, the page being left`).toContain(`finished page ${i + 1}`);
    });
    expect(pages.at(-1)).not.toContain('finished page');
    expect(pages.at(-1)).toContain('vehicle for hire');
  });

  it('_fragment override: reports every line pdfkit places, at the y it draws it', async () => {
    const { doc, bytes } = open();
    const seen: { text: string; y: number }[] = [];
    doc.onTextFragment((text, y) => seen.push({ text, y }));
    doc.text(PARAGRAPH, 72, 100, { width: 200 });
    doc.onTextFragment(null);
    doc.text('not reported', 72, 600);
    const lineHeight = doc.currentLineHeight(true);
    const ascender = doc.currentFont()!.ascender;
    const pdf = await finish(doc, bytes);
    expect(seen.length, '_fragment is called once per wrapped line').toBeGreaterThanOrEqual(4);
    expect(seen.map((s) => s.text.trim()).join(' ')).toBe(PARAGRAPH);
    seen.forEach((s, i) => {
      expect(s.y).toBeCloseTo(100 + i * lineHeight, 3);
    });
    // Read back: each reported line sits on the page at the reported y (pdfjs gives the baseline, upward).
    const page = await (await load(pdf)).getPage(1);
    const items = (await page.getTextContent()).items.filter((item) => 'str' in item && item.str.trim()) as { str: string; transform: number[] }[];
    for (const line of seen) {
      const item = items.find((it) => it.str.trim() === line.text.trim());
      expect(item, `line "${line.text}" is on the page`).toBeDefined();
      expect(item!.transform[5]).toBeCloseTo(PAGE_HEIGHT - (line.y + (ascender / 1000) * 12), 1);
    }
  });

  it("measureLines (_fragment, the wrapper's height option): the lines text would take, at the y each would be drawn, with nothing drawn and no page added", async () => {
    const { doc, bytes } = open();
    const measured = doc.measureLines(() => doc.text(PARAGRAPH, 72, 700, { width: 200, height: 1e9 }));
    expect(doc.y).toBe(72);
    const drawn: number[] = [];
    doc.onTextFragment((_, y) => drawn.push(y));
    doc.text(PARAGRAPH, 72, 100, { width: 200 });
    doc.onTextFragment(null);
    const pdf = await finish(doc, bytes);
    expect(measured.length).toBe(drawn.length);
    expect(measured.map((y) => y - 700)).toEqual(drawn.map((y) => y - 100));
    const read = await load(pdf);
    expect(read.numPages).toBe(1);
    // Measured text is not on the page: the paragraph is there once.
    const text = (await (await read.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text.match(/vehicle for hire/g)?.length).toBe(3);
  });

  it('limitTextBottoms (page.maxY, read by the line wrapper as text starts and after each page break): text ends its lines early on the pages it is told to', async () => {
    const { doc, bytes } = open();
    const seen: { y: number; page: number }[] = [];
    let page = 1;
    doc.onLeavePage(() => page++);
    doc.onTextFragment((_, y) => seen.push({ y, page }));
    const line = doc.currentLineHeight(true);
    // Two lines on the first page, then the page's own bottom.
    doc.limitTextBottoms([100 + 1.5 * line + line, null]);
    doc.text(PARAGRAPH, 72, 100, { width: 200 });
    doc.limitTextBottoms([]);
    doc.onTextFragment(null);
    doc.onLeavePage(null);
    await finish(doc, bytes);
    expect(seen.filter((s) => s.page === 1).length).toBe(2);
    expect(seen.filter((s) => s.page === 2).length).toBeGreaterThanOrEqual(2);
    expect(seen.find((s) => s.page === 2)!.y).toBe(72);
  });

  it('goTo override (_currentStructureElement): an internal link drawn in a Link element is owned by it', async () => {
    const { doc, bytes } = open({ tagged: true, pdfVersion: '1.7' });
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.addNamedDestination('there');
    root.add(doc.struct('Link', { alt: 'to there' }, () => doc.text('to there', 72, 72, { goTo: 'there' })));
    root.end();
    const pdf = await finish(doc, bytes);
    const text = pdf.toString('latin1');
    const annotation = /\n(\d+) 0 obj\n<<\n\/Subtype \/Link\n\/A \d+ 0 R[\s\S]*?>>/.exec(text);
    expect(annotation, 'a GoTo link annotation').not.toBeNull();
    expect(annotation![0], '_currentStructureElement gave the annotation a /StructParent').toMatch(/\/StructParent \d+/);
    expect(text, 'the Link element holds an object reference to the annotation').toMatch(new RegExp(`/Type /OBJR\\n/Obj ${annotation![1]} 0 R`));
    const annotations = await (await (await load(pdf)).getPage(1)).getAnnotations();
    expect(annotations.map((a: { dest?: unknown }) => a.dest)).toEqual(['there']);
  });

  it('name tree internals (_root.Names.Dests, _items, _compareKeys, _keysName, _dataForKey, toString): named destinations written as kids', async () => {
    const { doc, bytes } = open();
    const names = ['section-7', 'section-1', 'section-3', 'section-10', 'section-2', 'section-5', 'section-4'];
    names.forEach((name, i) => {
      doc.text(name, 72, 72 + 20 * i);
      doc.addNamedDestination(name, 'XYZ', 72, 72 + 20 * i, null);
    });
    const tree = doc.namedDestinations();
    expect(tree.size, '_items holds the destinations by name').toBe(7);
    tree.splitIntoKids(3);
    const pdf = await finish(doc, bytes);
    const text = pdf.toString('latin1');
    const root = /\/Dests <<\s*\/Kids \[([^\]]*)\]\s*>>/.exec(text);
    expect(root, 'toString() writes the Dests root as kids').not.toBeNull();
    const kidIds = [...root![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    expect(kidIds.length).toBe(3);
    const limits = kidIds
      .map((id) => object(pdf, id))
      .map((kid) => {
        expect(kid, '_keysName() is Names').toMatch(/\/Names \[/);
        return /\/Limits \[\(([^)]*)\) \(([^)]*)\)\]/.exec(kid)!.slice(1);
      });
    // _compareKeys sorts as strings: section-10 before section-2.
    expect(limits).toEqual([
      ['section-1', 'section-2'],
      ['section-3', 'section-5'],
      ['section-7', 'section-7'],
    ]);
    const dests = await (await load(pdf)).getDestinations();
    expect(Object.keys(dests).sort()).toEqual([...names].sort());
  });

  it('number tree internals (getStructParentTree, _items, _keysName): the structure parent tree written as kids', async () => {
    const { doc, bytes } = open({ tagged: true, pdfVersion: '1.7' });
    const root = doc.struct('Document');
    doc.addStructure(root);
    for (let page = 1; page <= 5; page++) {
      if (page > 1) doc.addPage();
      root.add(doc.struct('P', {}, () => doc.text(`paragraph on page ${page}`)));
    }
    root.end();
    const tree = doc.structParentTree();
    expect(tree.size, 'one parent-tree entry per page').toBe(5);
    tree.splitIntoKids(2);
    const pdf = await finish(doc, bytes);
    expect(pdf.toString('latin1'), 'toString() writes the ParentTree root as kids').toMatch(/\/ParentTree <<\s*\/Kids \[\d+ 0 R \d+ 0 R \d+ 0 R\]\s*>>/);
    expect(pdf.toString('latin1'), '_keysName() is Nums').toMatch(/\/Limits \[0 1\]\n\/Nums \[/);
    // A reader finds each page's content in the structure through the parent tree.
    const reader = await load(pdf);
    for (let n = 1; n <= 5; n++) {
      const struct = JSON.stringify(await (await reader.getPage(n)).getStructTree());
      expect(struct, `page ${n}'s marked content is found through the parent tree`).toContain('"role":"P"');
    }
  });

  it('appendXML, and info values written to XMP by toString() and to Info by valueOf()', async () => {
    const title = 'Fees & <Charges>';
    const { doc, bytes } = open({
      pdfVersion: '1.7',
      subset: 'PDF/UA',
      tagged: true,
      info: { Title: infoText(title), Author: infoText('Council A&B'), CreationDate: new Date(0) },
    });
    doc.appendXmp('<rdf:Description rdf:about="" xmlns:pin="urn:x-pdfkit-pin"><pin:appended>yes</pin:appended></rdf:Description>');
    doc.text('body');
    const pdf = await finish(doc, bytes);
    const text = pdf.toString('utf8');
    const rdf = text.slice(text.indexOf('<rdf:RDF'), text.indexOf('</rdf:RDF>'));
    expect(rdf, 'appendXML writes inside rdf:RDF').toContain('<pin:appended>yes</pin:appended>');
    expect(rdf, 'the PDF/UA subset identifies itself').toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(rdf, 'XMP takes the escaped toString()').toContain('Fees &amp; &lt;Charges&gt;');
    const { info, metadata } = await (await load(pdf)).getMetadata();
    expect((info as Record<string, unknown>).Title, 'Info takes the plain valueOf()').toBe(title);
    expect((info as Record<string, unknown>).Author).toBe('Council A&B');
    expect(metadata?.get('dc:title'), 'the XMP is well-formed and reads back as the title').toBe(title);
  });

  it('outline root options.expanded: the root gets a /Count', async () => {
    const { doc, bytes } = open();
    doc.expandOutlineRoot();
    doc.outline.addItem('Section 1. Definitions.');
    doc.outline.addItem('Section 2. Licenses.');
    const pdf = await finish(doc, bytes);
    const outlines = /\/Outlines (\d+) 0 R/.exec(pdf.toString('latin1'));
    expect(outlines, 'the catalog names the outline root').not.toBeNull();
    expect(object(pdf, Number(outlines![1])), 'options.expanded gave the root a /Count').toMatch(/\/Count 2/);
    expect((await readPdf(pdf)).outline).toEqual(['Section 1. Definitions.', 'Section 2. Licenses.']);
  });

  it('outline item options left/top (addBookmark): a bookmark opens its page at (x, y) as /XYZ, not at the top right corner', async () => {
    const { doc, bytes } = open();
    doc.text('Section 1. Definitions.', 72, 300);
    doc.addBookmark(doc.outline, 'Section 1. Definitions.', 72, 300);
    const pdf = await finish(doc, bytes);
    const reader = await load(pdf);
    const [item] = await reader.getOutline();
    const [ref, kind, left, top] = item!.dest as [{ num: number; gen: number }, { name: string }, number, number];
    expect(await reader.getPageIndex(ref)).toBe(0);
    expect([kind.name, left, top], 'PDFOutline took left and top from the right and top edges').toEqual(['XYZ', 72, PAGE_HEIGHT - 300]);
  });

  it('annotate override: every link annotation has /Contents, from describingLinks() or else its target', async () => {
    const { doc, bytes } = open({ tagged: true, pdfVersion: '1.7' });
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.addNamedDestination('section-3');
    root.add(doc.struct('Link', {}, () => doc.describingLinks('Section 3. Definitions', () => doc.text('Section 3', 72, 72, { goTo: 'section-3' }))));
    root.add(doc.struct('Link', {}, () => doc.text('the Code', 72, 100, { link: 'https://example.org/code' })));
    doc.text('undescribed', 72, 130, { goTo: 'section-3' });
    root.end();
    const pdf = await finish(doc, bytes);
    const annotations = await (await (await load(pdf)).getPage(1)).getAnnotations();
    expect(annotations.map((a: { contentsObj?: { str: string } }) => a.contentsObj?.str)).toEqual(['Section 3. Definitions', 'https://example.org/code', 'section-3']);
  });

  it('_font, _fontSize, _fillColor: text state restored without re-opening the font; switching fonts embeds each once', async () => {
    const { doc, bytes } = open();
    doc.font('bold').fontSize(14).fillColor('#aa0000');
    const bold = doc.currentFont()!;
    const saved = doc.saveTextState();
    expect(saved.size).toBe(14);
    for (let i = 0; i < 40; i++) {
      if (i % 10 === 9) doc.addPage();
      doc
        .font(i % 2 ? 'bold' : 'regular')
        .fontSize(8 + (i % 3))
        .fillColor('#0000ff')
        .text(`switch ${i}`);
    }
    doc.restoreTextState(saved);
    expect(doc.currentFont(), 'restoring sets the very font object back').toBe(bold);
    expect(doc.currentFontSize()).toBe(14);
    // Underlined: pdfkit strokes the underline in _fillColor.
    doc.text('restored text', 72, 600, { underline: true });
    const pdf = await finish(doc, bytes);
    const text = pdf.toString('latin1');
    expect(text.match(/\/FontFile2 /g)?.length, 'each font is embedded once').toBe(2);
    expect(text.match(/\/Subtype \/Type0/g)?.length, 'each font has one font dictionary').toBe(2);
    // The restored state is what the last text is drawn with: the bold font at 14 pt, underlined in red.
    const reader = await load(pdf);
    const item = (await (await reader.getPage(reader.numPages)).getTextContent()).items.find((it) => 'str' in it && it.str === 'restored text') as
      | { transform: number[] }
      | undefined;
    expect(item, 'the restored text is on the page').toBeDefined();
    expect(item!.transform[0]).toBeCloseTo(14, 3);
    expect(text.slice(0, text.lastIndexOf(' Tf') + 3), '_font and _fontSize select the font pdfkit writes').toMatch(new RegExp(`/${bold.id} 14 Tf$`));
    expect(text.match(/[\d.]+ [\d.]+ [\d.]+ SCN/g)?.at(-1), '_fillColor colours the underline').toMatch(/^0\.6666\d* 0 0 SCN$/);
  });

  it('ref() and page.xobjects: a form XObject placed on every page and filled in at the end shows the total', async () => {
    const { doc, bytes } = open();
    doc.fontSize(9);
    const font = doc.currentFont()!;
    expect(font.ascender, '_font.ascender is in thousandths of the size').toBeGreaterThan(500);
    expect(font.ascender).toBeLessThan(1200);
    const form = doc.formXObject([0, -9, 72, 18]);
    for (let page = 1; page <= 3; page++) {
      if (page > 1) doc.addPage();
      doc.text(`Page ${page} of `, 72, 740, { lineBreak: false });
      form.addToPage('Total');
      const baseline = 740 + (font.ascender / 1000) * 9;
      doc.addContent(`q 1 0 0 -1 ${(72 + doc.widthOfString(`Page ${page} of `)).toFixed(2)} ${baseline.toFixed(2)} cm /Total Do Q`);
    }
    // Written after every page: the glyphs still join the subset, since the font is finalized when the document ends.
    form.writeText(font, 9, '3');
    form.end();
    const pdf = await finish(doc, bytes);
    expect(pdf.toString('latin1'), 'the form is a Form XObject using the font').toMatch(new RegExp(`/Subtype /Form[^]*?/Font <<\\n/${font.id} \\d+ 0 R`));
    const { pages } = await readPdf(pdf);
    // pdfjs drops the space before the form's text.
    expect(pages.map((p) => p.replace(/\s+/g, ' ').trim())).toEqual(['Page 1 of3', 'Page 2 of3', 'Page 3 of3']);
  });

  it('struct options.scope: a table header cell carries its /Scope', async () => {
    const { doc, bytes } = open({ tagged: true, pdfVersion: '1.7' });
    const options: StructureOptions = { scope: 'Column' };
    const table = doc.struct('Table');
    doc.addStructure(table);
    const row = doc.struct('TR');
    table.add(row);
    row.add(doc.struct('TH', options, () => doc.text('Fee', 72, 72)));
    row.end();
    table.end();
    const pdf = await finish(doc, bytes);
    expect(pdf.toString('latin1')).toMatch(/\/S \/TH\n\/A <<\n\/O \/Table\n\/Scope \/Column\n>>/);
    const struct = JSON.stringify(await (await (await load(pdf)).getPage(1)).getStructTree());
    expect(struct).toContain('"role":"TH"');
  });

  it('markContent options.type: a Background artifact is written as given', async () => {
    const { doc, bytes } = open({ tagged: true, pdfVersion: '1.7' });
    const root = doc.struct('Document');
    doc.addStructure(root);
    doc.markArtifact('Background');
    doc.text('DRAFT', 200, 400, { lineBreak: false });
    doc.endMarkedContent();
    root.add(doc.struct('P', {}, () => doc.text('The law itself.', 72, 72)));
    root.end();
    const pdf = await finish(doc, bytes);
    expect(pdf.toString('latin1')).toMatch(/\/Artifact <<\n\/Type \/Background\n>> BDC/);
    const read = await readPdf(pdf);
    expect(read.artifacts[0]).toContain('DRAFT');
    expect(read.content[0]).not.toContain('DRAFT');
    expect(read.content[0]).toContain('The law itself.');
  });

  it('_textOptions carried over by continued text: an undefined link extends to the next run, null ends it', async () => {
    const url = 'https://example.org/code/1-101';
    const links = async (second: PDFKit.Mixins.TextOptions) => {
      const { doc, bytes } = open();
      doc.text('See the code ', 72, 72, runOptions({ continued: true, link: url }));
      doc.text('for the rest.', second);
      const pdf = await finish(doc, bytes);
      return (await (await (await load(pdf)).getPage(1)).getAnnotations()).map((a: { url?: string }) => a.url);
    };
    expect(await links({}), 'pdfkit carries an undefined link over (why runs pass null)').toEqual([url, url]);
    expect(await links(runOptions({ link: null, goTo: null }))).toEqual([url]);
  });

  it('font(), _fontSource, _fontFamily, EmbeddedFont.font.hasGlyphForCodePoint, widthOfString and _fragment: a character the font lacks is drawn in a fallback font, on the same baseline, measured as drawn', async () => {
    const { doc, bytes } = open();
    doc.useFallbackFonts([ARMENIAN]);
    const regular = doc.currentFont()!;
    expect(regular.font?.hasGlyphForCodePoint(0x41), 'pdfkit keeps the fontkit font as .font').toBe(true);
    expect(regular.font?.hasGlyphForCodePoint(0x540)).toBe(false);
    const mixed = 'Little Armenia (Փոքր Հայաստան), centred';
    const latin = doc.widthOfString('Little Armenia (), centred');
    const width = doc.widthOfString(mixed);
    expect(width, 'the Armenian letters are measured in the fallback font, not as missing glyphs').toBeGreaterThan(latin + 10);
    expect(doc.currentFont(), 'measuring leaves the current font').toBe(regular);
    doc.text(mixed, 72, 100, { width: 468, align: 'center' });
    expect(doc.currentFont(), 'drawing leaves the current font').toBe(regular);
    doc.text('plain', 72, 200);
    const pdf = await finish(doc, bytes);
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/FontFile2 /g)?.length, 'Tinos and the fallback are embedded').toBe(2);
    const fonts = [...raw.matchAll(/\/(F\d+) 12 Tf/g)].map((m) => m[1]);
    expect(new Set(fonts).size, 'three runs in two fonts').toBe(2);
    const reader = await load(pdf);
    const items = (await (await reader.getPage(1)).getTextContent()).items.filter((it) => 'str' in it && it.str.trim()) as { str: string; transform: number[]; width: number }[];
    const line = items.filter((it) => Math.abs(it.transform[5]! - items[0]!.transform[5]!) < 0.01);
    expect(line.map((it) => it.str).join(''), 'every run on one baseline, in order').toBe(mixed);
    const left = Math.min(...line.map((it) => it.transform[4]!));
    const right = Math.max(...line.map((it) => it.transform[4]! + it.width));
    expect(right - left, 'the runs are set side by side, as measured').toBeCloseTo(width, 0);
    expect((left + right) / 2, 'centred as a whole').toBeCloseTo(72 + 468 / 2, 0);
  });

  it("_root.data.Pages, a page dictionary's Parent and end(): past 4,000 pages, pages go into intermediate Pages nodes (PDF/A-1 arrays hold at most 8,191 entries)", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pages.pdf');
    const { doc, bytes } = open({ pdfVersion: '1.4', subset: 'PDF/A-1b' });
    for (let page = 1; page <= 8300; page++) {
      if (page > 1) doc.addPage();
      doc.text(`page ${page}`, 72, 72);
    }
    const pdf = await finish(doc, bytes);
    writeFileSync(file, pdf);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const pages = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pages', file], { encoding: 'utf8', maxBuffer: 1 << 28 })).pages as unknown[];
    expect(pages.length, 'every page is in the tree').toBe(8300);
    const raw = pdf.toString('latin1');
    const nodes = [...raw.matchAll(/\/Type \/Pages\n[^>]*>>/g)].map((m) => ({
      count: Number(/\/Count (\d+)/.exec(m[0])![1]),
      kids: (/\/Kids \[([^\]]*)\]/.exec(m[0])![1]!.match(/ 0 R/g) ?? []).length,
    }));
    expect(nodes.length, 'the root and two intermediate nodes').toBe(3);
    expect(nodes).toContainEqual({ count: 8300, kids: 4002 });
    expect(nodes).toContainEqual({ count: 4000, kids: 4000 });
    expect(nodes).toContainEqual({ count: 300, kids: 300 });
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
  }, 60_000);
});
