/**
 * A registry entry whose body is plain text (a digest) is read without a
 * Markdown parse of its body (issue 25: 3,739 entries of the D.C. Code's
 * registry took 1.8 s to parse, 0.4 s so): the same front matter, the same
 * findings at the same places and the same digest as the full parse, for
 * well-formed entries and broken ones alike; a body that could hold markup
 * is parsed whole.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { directiveSchema } from '../pipeline/model/metadata.js';
import { parseFrontMatterOnly, parseSource } from '../pipeline/parse/processor.js';
import { analyzeDirective, directiveSource } from '../pipeline/registry/registry.js';

const ENTRY = '---\nid: x\ncited-as:\n  - X\ntitle: T\nkind: statute\n---\n';

/** What a reader of an analysed entry sees: its front matter and places, its findings with their spans, its digest. */
function seen(file: VFile, body: string): unknown {
  return [file.data.frontMatter, file.data.frontMatterValid, [...(file.data.frontMatterPlaces ?? [])], file.messages.map((m) => [m.ruleId, m.message, m.place]), body];
}

function fullParse(text: string): unknown {
  const file = new VFile({ path: '/w/ordinance/directives/x.md', value: text });
  const { tree } = parseSource(file, directiveSchema, 'directive front matter');
  const start = tree.children[0]?.position?.start.offset ?? text.length;
  return seen(file, text.slice(start).trim());
}

function analysed(text: string): unknown {
  const file = new VFile({ path: '/w/ordinance/directives/x.md', value: text });
  return seen(file, analyzeDirective(directiveSource(file)).body ?? '');
}

describe('a registry entry read without parsing its plain body', () => {
  it.each([
    ['a well-formed entry', `${ENTRY}D.C. 24-332, cited 2 times in the imported titles.`],
    ['an entry with no body', ENTRY.trimEnd()],
    ['blank lines around its digest', `${ENTRY}\n\nThe digest.\n\n`],
    ['malformed YAML', '---\nid: x\ncited-as: [X\ntitle: T\n---\nBody.'],
    ['a value its schema refuses', '---\nid: x\ntitle: T\nkind: nonsense\n---\nBody.'],
    ['missing keys', '---\nid: x\n---\n'],
    ['empty front matter', '---\n---\nBody'],
    ['a control character in a value', '---\nid: x\ntitle: "a\u0007b"\ncited-as: [X]\nkind: statute\n---\nBody'],
    ['YAML aliases', '---\nid: &a x\ntitle: *a\ncited-as: [X]\nkind: statute\n---\nok'],
    ['a heading and a list', `${ENTRY}# Heading\n\n- item\n- item\n`],
  ])('%s: the same as the full parse', (_, text) => {
    expect(analysed(text)).toEqual(fullParse(text));
  });

  it('takes the plain way only where the body can hold no markup that finds or nests', () => {
    const plain = (text: string) => parseFrontMatterOnly(new VFile({ path: 'x.md', value: text }), directiveSchema, 'directive front matter') !== null;
    expect(plain(`${ENTRY}A digest of plain words, 24-332.`)).toBe(true);
    for (const body of ['See :cite[x].', 'A <!-- ordinance-disable --> comment', '| a | b |', '> quoted', 'a [link](x)', '    code'])
      expect(plain(`${ENTRY}${body}`), body).toBe(false);
    // Fences remark-frontmatter reads otherwise (a space after them, CRLF) are left to the full parse.
    expect(plain('--- \nid: x\n---\nBody')).toBe(false);
    expect(plain('---\r\nid: x\r\n---\r\nBody')).toBe(false);
  });

  it('reports a directive in a body as the full parse does', () => {
    const text = `${ENTRY}See :unknownthing[x].`;
    expect(analysed(text)).toEqual(fullParse(text));
  });
});
