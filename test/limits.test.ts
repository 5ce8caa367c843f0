/**
 * The format's limits (issue 13, items 3, 5 and 6): nesting past the limit,
 * tables too wide for the page, absurd designations, YAML alias bombs,
 * oversized files and bad images are positioned errors; everything within
 * the limits prints with all its words; long tokens are broken for layout;
 * links other than http, https and mailto never become live, and images come
 * only from inside the ordinance's folder.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type runCli, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { readPdf } from './pdf.js';

/** A workspace with one more section, `06-extra.md`, holding `body` (and `front` more front matter). */
function withSection(body: string, front = ''): string {
  const ws = workspace();
  writeFileSync(path.join(ws, 'ordinance', 'sample', '06-extra.md'), `---\nid: extra\nheading: Extra\nkind: general\n${front}---\n${body}`);
  return ws;
}

async function build(ws: string) {
  return runMain(['build', 'ordinance', '--out', 'dist'], ws);
}

/** The reading text of the built sample PDF, with every run of white space one space. */
async function pdfText(ws: string): Promise<string> {
  const pdf = await readPdf(readFileSync(path.join(ws, 'dist', 'sample', 'sample.pdf')));
  return pdf.content.join('\n').replace(/\s+/g, ' ');
}

function expectPositioned(result: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(pattern);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

/** A valid PNG of `width` × `height` grey pixels. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter: none
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('nesting depth', () => {
  it('reports block quotes 10 deep at the quote', async () => {
    const result = await build(withSection(`${'> '.repeat(10)}Deep words.\n`));
    // Quoted law: its law path is where the ordinance quotes it.
    expectPositioned(result, /06-extra\.md:6:\d+: error quoted in Section 6: Unexpected block quotes, lists and notes nested more than 8 deep.*\[nesting-depth\]/);
  });

  it('reports lists 15 deep at the list', async () => {
    const list = Array.from({ length: 15 }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n');
    expectPositioned(await build(withSection(`${list}\n`)), /06-extra\.md:\d+:\d+: error .*nested more than 8 deep.*\[nesting-depth\]/);
  });

  it('reports lists 700 deep in check and build, without parsing them', async () => {
    const list = Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n');
    const ws = withSection(`${list}\n`);
    expectPositioned(await runMain(['check', 'ordinance'], ws), /06-extra\.md:\d+:1: error .*nested more than 8 deep.*\[nesting-depth\]/);
    expectPositioned(await build(ws), /\[nesting-depth\]/);
  });

  it('reports emphasis nested 5,000 deep, never overflowing the stack', async () => {
    const open = Array.from({ length: 5000 }, (_, i) => `${i % 2 ? '*' : '_'}w${i} `).join('');
    const close = Array.from({ length: 5000 }, (_, i) => (i % 2 ? '_' : '*')).join('');
    const result = await runMain(['check', 'ordinance'], withSection(`Start ${open}${close}\n`));
    expectPositioned(result, /06-extra\.md:6:\d+: error § 6[^:]*: Unexpected Markdown nested more than 100 deep.*\[nesting-depth\]/);
  }, 60_000);

  it('reports subdivisions deeper than 8', async () => {
    const body = Array.from({ length: 9 }, (_, i) => `::subdivision[Level ${i + 1} text.]{num="(${i + 1})" depth=${i + 1}}`).join('\n\n');
    expectPositioned(await build(withSection(`${body}\n`)), /06-extra\.md:22:1: error § 6[^:]*: Unexpected subdivisions nested more than 8 deep.*\[nesting-depth\]/);
  });

  it('prints every word of lists and block quotes nested to the limit, inside subdivisions 8 deep', async () => {
    const words = (n: number) => `Words at depth ${n} stay whole on the printed page of this ordinance.`;
    const subdivisions = Array.from({ length: 8 }, (_, i) => `::subdivision[Subdivision ${i + 1}. ${words(i)}]{num="(${i + 1})" depth=${i + 1}}`).join('\n\n');
    const quotes = `${'> '.repeat(4)}${words(104)}\n`;
    const list = Array.from({ length: 4 }, (_, i) => `${'> '.repeat(4)}${'  '.repeat(i)}- ${words(200 + i)}`).join('\n');
    const ws = withSection(`${subdivisions}\n\n${quotes}\n${list}\n`);
    const result = await build(ws);
    expect(result.code).toBe(0);
    const text = await pdfText(ws);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 104, 200, 201, 202, 203]) expect(text).toContain(words(n));
  });

  it('prints every word of a list 8 deep and of block quotes 8 deep', async () => {
    const words = (n: number) => `Item ${n} keeps each of its words.`;
    const list = Array.from({ length: 8 }, (_, i) => `${'  '.repeat(i)}- ${words(i)}`).join('\n');
    const quoted = `${'> '.repeat(8)}${words(99)}`;
    const ws = withSection(`${list}\n\n${quoted}\n`);
    expect((await build(ws)).code).toBe(0);
    const text = await pdfText(ws);
    for (let i = 0; i < 8; i++) expect(text).toContain(words(i));
    expect(text).toContain(words(99));
  });
});

describe('wide and long things', () => {
  it('reports a 50-column table at the table', async () => {
    const n = 50;
    const table = `|${Array.from({ length: n }, (_, i) => ` h${i} |`).join('')}\n|${' --- |'.repeat(n)}\n|${Array.from({ length: n }, (_, i) => ` c${i} |`).join('')}\n`;
    expectPositioned(await build(withSection(table)), /06-extra\.md:6:1: error § 6[^:]*: Unexpected table of 50 columns, expected at most 12.*\[table-columns\]/);
  });

  it('reports a row with more cells than the header', async () => {
    expectPositioned(
      await build(withSection('| a | b |\n| - | - |\n| 1 | 2 | 3 |\n')),
      /06-extra\.md:8:1: error § 6[^:]*: Unexpected 3 cells in a row, expected at most 2.*\[table-columns\]/,
    );
  });

  it('prints every cell of a 12-column table with long words', async () => {
    const n = 12;
    const cell = (i: number) => `Cell${i}withaverylongwordthatcannotfit`;
    const table = `|${Array.from({ length: n }, (_, i) => ` Head${i} |`).join('')}\n|${' --- |'.repeat(n)}\n|${Array.from({ length: n }, (_, i) => ` ${cell(i)} |`).join('')}\n`;
    const ws = withSection(table);
    expect((await build(ws)).code).toBe(0);
    const text = (await pdfText(ws)).replace(/ /g, '');
    for (let i = 0; i < n; i++) expect(text).toContain(cell(i));
  });

  it('reports a 5,000-digit section number at the number', async () => {
    expectPositioned(await build(withSection('Text.\n', `number: "${'7'.repeat(5000)}"\n`)), /06-extra\.md:5:\d+: error .*64.*\[front-matter-schema\]/);
  });

  it('reports a 5,000-character heading and a 240-character short title at their values', async () => {
    const ws = withSection('Text.\n');
    const extra = path.join(ws, 'ordinance', 'sample', '06-extra.md');
    writeFileSync(extra, readFileSync(extra, 'utf8').replace('heading: Extra', `heading: ${'Long '.repeat(1000)}`));
    const ordinance = path.join(ws, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(ordinance, readFileSync(ordinance, 'utf8').replace(/^short-title: .*$/m, `short-title: ${'Short '.repeat(40)}`));
    const result = await build(ws);
    expectPositioned(result, /06-extra\.md:3:10: error .*expected text of at most 1000 characters \[front-matter-schema\]/);
    expect(result.stdout).toMatch(/sample\/ordinance\.md:\d+:14: error .*expected text of at most 200 characters.*\[front-matter-schema\]/);
  });

  it('breaks a 20 KB token for layout, printing exactly its characters', async () => {
    const token = 'abcdefghij'.repeat(2000);
    const ws = withSection(`Before ${token} after.\n`);
    expect((await build(ws)).code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(ws, 'dist', 'sample', 'sample.pdf')));
    // The token's pieces are separated by line breaks only, and hold exactly its characters.
    const printed = /Before\s+([a-j\n]+?)\s*after\./.exec(pdf.content.join(''));
    expect(printed).not.toBeNull();
    const pieces = printed![1]!.split('\n');
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.join('') === token).toBe(true);
  }, 60_000);

  it('reports a source file over 4 MiB, and does not parse it', async () => {
    const big = `${'Words of the law. '.repeat(250_000)}\n`;
    expectPositioned(
      await runMain(['check', 'ordinance'], withSection(big)),
      /06-extra\.md:1:1: error § 6[^:]*: Unexpected source file of \d+ bytes, expected at most 4194304.*\[source-size\]/,
    );
  });
});

describe('YAML aliases', () => {
  it('reports an alias bomb at its first alias, not as an internal error', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    const result = await build(withSection('Text.\n', `${bomb}\n`));
    expectPositioned(result, /06-extra\.md:6:\d+: error § 6[^:]*: Unexpected YAML aliases that expand past 100 values.*\[yaml-aliases\]/);
  });
});

describe('YAML aliases in the registry', () => {
  it('reports an alias bomb in a registry entry at its alias', async () => {
    const ws = workspace();
    const entry = path.join(ws, 'ordinance', 'directives', 'example-order.md');
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ];
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('---\n', `---\n${bomb.join('\n')}\n`));
    expectPositioned(await runMain(['check', 'ordinance'], ws), /directives\/example-order\.md:3:8: error Unexpected YAML aliases.*\[yaml-aliases\]/);
  });
});

describe('images', () => {
  /** The sample with a second ordinance, `second`, that stays valid. */
  function twoOrdinances(body: string): string {
    const ws = withSection(body);
    cpSync(path.join(ws, 'ordinance', 'sample'), path.join(ws, 'ordinance', 'second'), { recursive: true });
    writeFileSync(path.join(ws, 'ordinance', 'second', '06-extra.md'), '---\nid: extra\nheading: Extra\nkind: general\n---\nPlain words.\n');
    return ws;
  }

  it('reports a file that is not an image at the image; the other ordinance still builds', async () => {
    const ws = twoOrdinances('![A chart](chart.png)\n');
    writeFileSync(path.join(ws, 'ordinance', 'sample', 'chart.png'), 'not an image at all');
    const result = await build(ws);
    expectPositioned(result, /ordinance\/sample\/06-extra\.md:6:1: error § 6[^:]*: Unexpected image `chart\.png`: it is not a PNG or JPEG image.*\[image-file\]/);
    expect(
      readFileSync(path.join(ws, 'dist', 'second', 'second.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('reports an image whose header is too large', async () => {
    const ws = withSection('![Huge](huge.png)\n');
    writeFileSync(path.join(ws, 'ordinance', 'sample', 'huge.png'), png(1, 1).fill(0xff, 16, 24));
    expectPositioned(await build(ws), /Unexpected image `huge\.png`: it is 4294967295×4294967295 pixels.*\[image-file\]/);
  });

  it('reports an image outside the folder, by absolute path or symlink, and does not embed it', async () => {
    const outside = path.join(tempDir(), 'secret.png');
    writeFileSync(outside, png(4, 4));
    const ws = withSection(`![Absolute](${outside})\n\n![Linked](linked.png)\n`);
    symlinkSync(outside, path.join(ws, 'ordinance', 'sample', 'linked.png'));
    const result = await build(ws);
    expectPositioned(result, /06-extra\.md:6:1: error § 6[^:]*: Unexpected image `[^`]*secret\.png`: it lies outside the ordinance's folder.*\[image-file\]/);
    expect(result.stdout).toMatch(/06-extra\.md:8:1: error § 6[^:]*: Unexpected image `linked\.png`: it lies outside the ordinance's folder.*\[image-file\]/);
  });

  it('embeds a PNG inside the folder', async () => {
    const ws = withSection('![A chart](figures/chart.png)\n');
    mkdirSync(path.join(ws, 'ordinance', 'sample', 'figures'));
    writeFileSync(path.join(ws, 'ordinance', 'sample', 'figures', 'chart.png'), png(8, 4));
    expect((await build(ws)).code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(ws, 'dist', 'sample', 'sample.pdf')));
    expect(pdf.roles.get('Figure')).toBe(1);
  });
});

describe('link schemes', () => {
  it('makes only http, https and mailto links live, with link-scheme off', async () => {
    const ws = withSection(
      'See [the page](https://example.org/a), [mail](mailto:clerk@example.org), [run](javascript:alert(1)), [disk](file:///etc/passwd) and [near](other.pdf).\n',
    );
    writeFileSync(path.join(ws, 'ordinance.config.json'), JSON.stringify({ rules: { 'link-scheme': 'off' } }));
    expect((await build(ws)).code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(ws, 'dist', 'sample', 'sample.pdf')));
    const urls = pdf.links.flatMap((l) => (l.url ? [l.url] : []));
    expect(urls).toContain('https://example.org/a');
    expect(urls).toContain('mailto:clerk@example.org');
    expect(urls.filter((u) => !/^(https?|mailto):/.test(u))).toEqual([]);
    // Their words still print.
    const text = pdf.content.join(' ').replace(/\s+/g, ' ');
    for (const words of ['the page', 'mail', 'run', 'disk', 'near']) expect(text).toContain(words);
  });
});
