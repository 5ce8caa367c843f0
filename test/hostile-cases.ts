/**
 * The hostile-input table (issue 13): each row one named case, laid into a
 * workspace of its own ordinance folder (or registry entry), with what must
 * come of it: built with all its words, or a positioned finding.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a case must give: built (with its words in the PDF), or a finding of `rule` at its place. */
export type Outcome =
  | { builds: true; words?: string[]; warns?: string }
  | { rule: string; file?: string; line?: number; column?: number; severity?: 'error' | 'warning'; builds?: boolean };

export interface OrdinanceCase {
  name: string;
  /** Files of the ordinance folder, by path relative to it; `ordinance.md` defaults to the base one. */
  files: Record<string, string | Buffer | null>;
  /** Extra setup once the files are written (links, pipes), given the ordinance folder and the workspace. */
  setup?: (dir: string, workspace: string) => void;
  expect: Outcome;
  /** Read the PDF back with Preflight (slow: a few cases only). */
  preflight?: boolean;
}

export const BASE_ORDINANCE = `---
title: "An ordinance adding Section 1.1 to the Example Code to require stop records."
short-title: "Stop Records Ordinance"
jurisdiction: los-angeles
status: draft
version: 1
sponsors:
  - "Councilmember A"
dates:
  introduced: "2025-01-07"
---
`;

/** The sections an adopted ordinance must have, for the cases read by Preflight (drafts carry a transparent watermark, so they are not PDF/A). */
export const ADOPTED_FILES: Record<string, string> = {
  '97-severability.md': '---\nid: severability\nheading: Severability\nkind: severability\n---\nIf any part of this ordinance is held invalid, the rest remains.\n',
  '98-effective.md': '---\nid: effective-date\nheading: Effective Date\nkind: effective-date\n---\nThis ordinance takes effect 31 days after publication.\n',
  '99-certification.md': '---\nid: certification\nheading: Certification\nkind: certification\n---\nThe City Clerk shall certify to the passage of this ordinance.\n',
};

/** `ordinance` (an ordinance.md) adopted, with the number an adopted ordinance needs. */
export function adopted(ordinance: string): string {
  return ordinance.replace('status: draft', 'status: adopted').replace(/---\n$/, 'number: "190000"\n---\n');
}

/** The base ordinance with `replace` applied to its front matter lines, or more lines added. */
export function ordinanceWith(extra: string, replace?: [RegExp, string]): string {
  const text = replace ? BASE_ORDINANCE.replace(replace[0], replace[1]) : BASE_ORDINANCE;
  return text.replace(/---\n$/, `${extra}---\n`);
}

/** A section file `01-case.md` holding `body`, with `front` added to its front matter. */
export function section(body: string, front = ''): string {
  return `---\nid: case\nheading: Case\nkind: general\n${front}---\n${body}`;
}

const ok = (words?: string[]): Outcome => (words ? { builds: true, words } : { builds: true });
const err = (rule: string, line?: number, column?: number, file = '01-case.md'): Outcome => ({
  rule,
  file,
  ...(line === undefined ? {} : { line }),
  ...(column === undefined ? {} : { column }),
});
const warn = (rule: string): Outcome => ({ builds: true, warns: rule });
const one = (name: string, body: string, expect: Outcome, front = ''): OrdinanceCase => ({ name, files: { '01-case.md': section(body, front) }, expect });
const raw = (name: string, bytes: string | Buffer, expect: Outcome): OrdinanceCase => ({ name, files: { '01-case.md': bytes }, expect });
const withOrdinance = (name: string, ordinance: string, expect: Outcome): OrdinanceCase => ({
  name,
  files: { 'ordinance.md': ordinance, '01-case.md': section('Plain words of the law.\n') },
  expect,
});

const para = (n: number, words: (i: number) => string) => Array.from({ length: n }, (_, i) => words(i)).join('\n\n');
const head = section('').replace(/\n$/, '');
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const encodings: OrdinanceCase[] = [
  raw('utf-8 with a byte-order mark', `\uFEFF${section('Marked words stay.\n')}`, ok()),
  raw('Latin-1 byte in the body', bytes(`${head}\nCaf`, [0xe9], ' ouvert.\n'), err('source-encoding', 6, 4)),
  raw('UTF-16 file', Buffer.from(`\uFEFF${section('Wide text.\n')}`, 'utf16le'), err('source-encoding', 1, 1)),
  raw('truncated UTF-8 at the end', bytes(`${head}\nEnds in `, [0xe2, 0x82]), err('source-encoding', 6, 9)),
  raw('overlong encoding of a slash', bytes(`${head}\nPath `, [0xc0, 0xaf], '\n'), err('source-encoding', 6, 6)),
  raw('encoded surrogate', bytes(`${head}\nHalf `, [0xed, 0xa0, 0x80], '\n'), err('source-encoding', 6, 6)),
  raw('bytes FF FE inside the text', bytes(`${head}\nOdd `, [0xff, 0xfe], ' bytes.\n'), err('source-encoding', 6, 5)),
  raw('CRLF line endings', section('Windows words.\r\n\r\nSecond paragraph.\r\n').replace(/\n/g, '\r\n'), ok()),
  raw('mixed line endings', section('Mixed words.\r\n\nAnother line.\r\nLast one.\n'), ok()),
  raw('no final newline', section('Unterminated words'), ok()),
  raw('NUL byte in the body', section('Null \u0000 here.\n'), err('unprintable-character', 6, 6)),
  raw('bell character in the body', section('Ring \u0007 bell.\n'), err('unprintable-character', 6, 6)),
  raw('C1 control character', section('Next \u0085 line.\n'), err('unprintable-character', 6, 6)),
  raw('NUL in the heading', section('Words.\n').replace('heading: Case', 'heading: "Ca\\0se"'), err('front-matter-control-character', 3)),
  raw('escape sequence in the heading', section('Words.\n').replace('heading: Case', 'heading: "Ca\\e[31mse"'), err('front-matter-control-character', 3)),
  raw('empty file', '', err('front-matter-syntax', 1, 1)),
  raw('only a byte-order mark', '\uFEFF', err('front-matter-syntax', 1)),
  raw('front matter only', section(''), err('empty-section', 1, 1)),
  raw('tabs in the body', section('Tabbed\twords\tstay.\n'), ok()),
  raw('10,000 blank lines', section(`Before blanks.${'\n'.repeat(10_000)}After blanks.\n`), ok()),
  raw('trailing spaces on every line', section('Spaced words.   \nMore words.   \n'), ok()),
];

const unicode: OrdinanceCase[] = [
  { ...one('Chinese names', '北京市 and 上海市 residents are served by 李明.\n', ok(['北京市', '上海市', '李明', 'residents'])), preflight: true },
  one('Korean names', '서울특별시 resident 김민준 is served.\n', ok(['서울특별시', '김민준', 'resident'])),
  one('Armenian names', 'Երևան resident Արամ is served.\n', ok(['Երևան', 'Արամ', 'resident'])),
  { ...one('Arabic names', 'The resident محمد of القاهرة is served.\n', ok(['resident', 'served'])), preflight: true },
  one('Devanagari names', 'The resident नमस्ते is served.\n', ok(['resident', 'served'])),
  { ...one('emoji', 'Residents 👍 and 🏛 are served.\n', ok(['Residents', 'served'])), preflight: true },
  one('Japanese kana', 'The ひらがな and カタカナ forms print.\n', ok(['ひらがな', 'カタカナ', 'forms'])),
  one('Greek, Cyrillic and Hebrew', 'Αθήνα, Москва and ירושלים are cities.\n', ok(['Αθήνα', 'Москва', 'cities'])),
  one('Spanish accents', 'La Ciudad de Los Ángeles protege a niños y señoras.\n', ok()),
  one('decomposed accents', 'Cafe\u0301 and nin\u0303o print.\n', ok(['print'])),
  one('combining marks stacked 200 deep', `Zalgo e${'\u0301'.repeat(200)} text.\n`, ok(['Zalgo', 'text'])),
  one('non-breaking spaces', 'Ten\u00a0days\u00a0after notice.\n', ok(['Ten', 'days', 'notice'])),
  one('soft hyphens', 'Super\u00adcalifragilistic words.\n', ok(['words'])),
  one('ligature characters', 'The \ufb01nal o\ufb03ce.\n', ok(['The'])),
  one('full-width forms', 'Ｆｕｌｌ width text.\n', ok(['width', 'text'])),
  one('replacement character', 'Lost \ufffd byte.\n', ok(['Lost', 'byte'])),
  one('private-use character', 'Private \ue000 glyph.\n', err('unprintable-character', 6, 9)),
  one('unassigned code point', 'Unassigned \u0378 here.\n', err('unprintable-character', 6, 12)),
  one('noncharacter U+FFFF', 'Non \uffff char.\n', err('unprintable-character', 6, 5)),
  one('Linear B (no font)', 'Old 𐀀 script.\n', err('unprintable-character', 6, 5)),
  one('right-to-left override', 'Safe \u202etxt.exe\u202c words.\n', ok(['Safe', 'txt.exe', 'words'])),
  one('zero-width space', 'Zero\u200bwidth space.\n', ok(['space'])),
  one('lone combining mark at a line start', '\u0301 starts this line.\n', ok(['starts', 'line'])),
  one('mathematical letters (no font)', 'The 𝐀𝐁𝐂 rule.\n', err('unprintable-character', 6, 5)),
  raw('Chinese heading', section('Words under a Chinese heading.\n').replace('heading: Case', 'heading: 城市服务'), ok(['城市服务', 'Chinese'])),
  raw('Chinese section id', section('Words.\n').replace('id: case', 'id: 城市'), err('front-matter-schema', 2)),
  raw('Cyrillic homoglyph in the id', section('Words.\n').replace('id: case', 'id: cаse'), err('front-matter-schema', 2)),
  withOrdinance('Chinese and emoji in the title', ordinanceWith('', [/title: "An ordinance adding/, 'title: "An ordinance 城市 🏛 adding']), ok(['城市', 'ordinance'])),
  one('a 3,000-character line mixing scripts', `${'Words 城市 Երևան Αθήνα '.repeat(150)}\n`, ok(['Words', '城市', 'Երևան', 'Αθήνα'])),
];

const nest = (n: number, open: string) => `${open.repeat(n)}Deep words.\n`;
const list = (n: number) => `${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n')}\n`;
const emphasis = (n: number) =>
  `Start ${Array.from({ length: n }, (_, i) => `${i % 2 ? '*' : '_'}w${i} `).join('')}${Array.from({ length: n }, (_, i) => ((n - 1 - i) % 2 ? '*' : '_')).join('')} end.\n`;
const table = (columns: number, rows: number) =>
  `|${Array.from({ length: columns }, (_, i) => ` Head${i} |`).join('')}\n|${' --- |'.repeat(columns)}\n${Array.from(
    { length: rows },
    (_, r) => `|${Array.from({ length: columns }, (_, c) => ` r${r}c${c} |`).join('')}`,
  ).join('\n')}\n`;

const sizes: OrdinanceCase[] = [
  one('block quotes 8 deep', nest(8, '> '), ok(['Deep', 'words'])),
  one('block quotes 9 deep', nest(9, '> '), err('nesting-depth', 6)),
  one('block quotes 5,000 deep', nest(5000, '>'), err('nesting-depth', 6, 1)),
  one('list 8 deep', list(8), ok(['item0', 'item7'])),
  one('list 9 deep', list(9), err('nesting-depth')),
  one('list 2,000 deep', list(2000), err('nesting-depth')),
  one('ordered lists 9 deep', `${Array.from({ length: 9 }, (_, i) => `${'   '.repeat(i)}1. item${i}`).join('\n')}\n`, err('nesting-depth')),
  one('emphasis 40 deep', emphasis(40), ok(['Start', 'w0', 'w39', 'end'])),
  one('emphasis 150 deep', emphasis(150), err('nesting-depth', 6)),
  one('emphasis 3,000 deep', emphasis(3000), err('nesting-depth', 6)),
  one('links 50 deep', `${'['.repeat(50)}word${'](https://example.org)'.repeat(50)}\n`, ok(['word'])),
  one('10,000 unclosed brackets', `${'['.repeat(10_000)} words\n`, ok(['words'])),
  one('10,000 unclosed emphasis markers', `${'*a '.repeat(10_000)}\n`, ok()),
  one('10,000 emphasis runs that open and close', `${'*a* _b_ '.repeat(5_000)}\n`, ok(['a', 'b'])),
  one('notes nested 3 deep', '::::::note\n:::::note\n::::note\nInner.\n::::\n:::::\n::::::\n\nVisible words.\n', ok(['Visible', 'words'])),
  one('1,000 paragraphs', `${para(1000, (i) => `Paragraph ${i} holds words.`)}\n`, ok(['Paragraph', 'holds', '999'])),
  one('a 60 KB paragraph', `${'Every word of this long paragraph prints. '.repeat(1500)}\n`, ok(['Every', 'paragraph', 'prints'])),
  one('a 5 KB token', `Before ${'abcdefghij'.repeat(500)} after.\n`, ok(['Before', 'abcdefghij'.repeat(500), 'after'])),
  one('a 3 KB link', `See [the page](https://example.org/${'a'.repeat(3000)}).\n`, ok(['See', 'page'])),
  one('a 3 KB bare URL', `See https://example.org/${'b'.repeat(3000)} now.\n`, ok(['See', 'b'.repeat(3000), 'now'])),
  raw('a file over 4 MiB', section(`${'Words of the law. '.repeat(240_000)}\n`), err('source-size', 1, 1)),
  one('table of 12 columns', table(12, 3), ok(['Head0', 'Head11', 'r2c11'])),
  one('table of 13 columns', table(13, 1), err('table-columns', 6, 1)),
  one('table of 400 rows', table(3, 400), ok(['r0c0', 'r399c2'])),
  one('row with more cells than the header', '| a | b |\n| - | - |\n| 1 | 2 | 3 |\n', err('table-columns', 8, 1)),
  one('table with empty cells', '| a | b |\n| - | - |\n|  |  |\n| x |  |\n', ok(['x'])),
  one('table with escaped pipes', '| a | b |\n| - | - |\n| one \\| two | three |\n', ok(['one', 'two', 'three'])),
  one('table with only a header', '| Only | Header |\n| --- | --- |\n', ok(['Only', 'Header'])),
  one('subdivisions six levels deep', '(a) One.\n\n(1) Two.\n\n(A) Three.\n\n(i) Four.\n\n(I) Five.\n\n(aa) Six.\n', ok(['One', 'Six'])),
  one('subdivision gap', '(a) One.\n\n(c) Three.\n', err('subdivision-sequence', 8, 1)),
  one('subdivision repeated', '(a) One.\n\n(a) Again.\n', err('subdivision-sequence', 8, 1)),
  one(
    'explicit subdivisions 9 deep',
    `${Array.from({ length: 9 }, (_, i) => `::subdivision[Level ${i + 1}.]{num="(${i + 1})" depth=${i + 1}}`).join('\n\n')}\n`,
    err('nesting-depth', 22, 1),
  ),
  one('500 numbered subdivisions', `(a) Clauses:\n\n${para(500, (i) => `(${i + 1}) Clause ${i + 1} applies.`)}\n`, ok(['Clauses', 'Clause', '500'])),
  one('(1) at the top of a section', '(1) First.\n', err('subdivision-level-order', 6, 1)),
  one('letters past (z)', `${para(30, (i) => `(${i < 26 ? String.fromCharCode(97 + i) : String.fromCharCode(97 + i - 26).repeat(2)}) Item ${i}.`)}\n`, ok(['Item', '29'])),
  one('roman (i) after (h)', '(a) A.\n\n(b) B.\n\n(c) C.\n\n(d) D.\n\n(e) E.\n\n(f) F.\n\n(g) G.\n\n(h) H.\n\n(i) Letter i.\n', ok(['Letter'])),
  raw('heading of 1,000 characters', section('Words.\n').replace('heading: Case', `heading: ${'h'.repeat(1000)}`), ok(['Words'])),
  raw('heading of 1,001 characters', section('Words.\n').replace('heading: Case', `heading: ${'h'.repeat(1001)}`), err('front-matter-schema', 3, 10)),
  one('number of 64 characters', 'Words.\n', ok(['Words']), `number: "${'7'.repeat(64)}"\n`),
  one('number of 65 characters', 'Words.\n', err('front-matter-schema', 5), `number: "${'7'.repeat(65)}"\n`),
  {
    name: '200 sections',
    files: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${String(i).padStart(3, '0')}-s.md`, section(`Section words ${i}.\n`).replace('id: case', `id: s${i}`)])),
    expect: ok(['words', '199']),
  },
  one('a 500-item flat list', `${Array.from({ length: 500 }, (_, i) => `- entry${i}`).join('\n')}\n`, ok(['entry0', 'entry499'])),
  one('a 100-row list of long words', `${Array.from({ length: 100 }, (_, i) => `1. ${'x'.repeat(200)}${i}`).join('\n')}\n`, ok(['x'.repeat(200)])),
];

const alias = (n: number) => `a: &a [${Array(10).fill('"x"').join(',')}]\nb: &b [${Array(10).fill('*a').join(',')}]\nc: [${Array(n).fill('*b').join(',')}]\n`;

const yaml: OrdinanceCase[] = [
  one('alias bomb in the front matter', 'Words.\n', err('yaml-aliases', 6), alias(10)),
  raw('duplicate key', section('Words.\n').replace('kind: general', 'kind: general\nkind: purpose'), err('front-matter-syntax', 5)),
  raw('a !!js/function tag', section('Words.\n').replace('heading: Case', 'heading: !!js/function "function(){}"'), ok(['Words'])),
  raw('a !!binary heading', section('Words.\n').replace('heading: Case', 'heading: !!binary aGVsbG8='), err('front-matter-schema', 3)),
  raw('a numeric heading', section('Words.\n').replace('heading: Case', 'heading: 123'), err('front-matter-schema', 3)),
  raw('a list heading', section('Words.\n').replace('heading: Case', 'heading: [a, b]'), err('front-matter-schema', 3)),
  raw('a null heading', section('Words.\n').replace('heading: Case', 'heading:'), err('front-matter-schema', 3)),
  raw('id __proto__', section('Words.\n').replace('id: case', 'id: __proto__'), err('front-matter-schema', 2)),
  raw('id constructor', section('Constructor words.\n').replace('id: case', 'id: constructor'), ok(['Constructor'])),
  raw('id with ../', section('Words.\n').replace('id: case', 'id: ../etc'), err('front-matter-schema', 2)),
  raw('malformed YAML after a stray alias', '---\nid:\n*]( s1\nheading: "x"\nkind: general\n---\nWords.\n', err('front-matter-syntax', 4, 8)),
  raw('unclosed front matter', '---\nid: case\nheading: Case\nkind: general\nWords.\n', err('front-matter-syntax', 1)),
  raw('front matter indented with a tab', section('Words.\n').replace('kind: general', 'dates:\n\tintroduced: x'), err('front-matter-syntax', 5)),
  raw('front matter closed with ...', '---\nid: case\nheading: Case\nkind: general\n...\nWords.\n', err('front-matter-syntax', 1)),
  raw('front matter that is a list', '---\n- id\n- case\n---\nWords.\n', err('front-matter-schema', 2)),
  raw('front matter that is a string', '---\njust a string\n---\nWords.\n', err('front-matter-schema', 2)),
  raw('empty front matter', '---\n---\nWords.\n', err('front-matter-schema')),
  raw('a merge key', section('Words.\n').replace('kind: general', 'base: &base { kind: general }\n<<: *base'), err('front-matter-schema')),
  raw('two YAML documents', section('Words.\n').replace('kind: general', 'kind: general\n---\nid: other'), err('unsupported-markdown', 6, 1)),
  raw('unknown kind', section('Words.\n').replace('kind: general', 'kind: nonsense'), err('front-matter-schema', 4, 7)),
  raw('misspelt key', section('Words.\n').replace('heading: Case', 'headng: Case'), err('front-matter-schema', 3, 1)),
  raw('a 50 KB summary', section('Words.\n', `summary: "${'Plain words. '.repeat(4000)}"\n`), ok(['Words'])),
  raw('120 aliases in the front matter', section('Words.\n', `x: &x "v"\ny: [${Array(120).fill('*x').join(', ')}]\n`), err('yaml-aliases', 6)),
  raw('small anchors within the limit', section('Words.\n', 'x: &x "v"\n'), err('front-matter-schema', 5)),
  raw('CRLF front matter', section('Words here.\n').replace(/\n/g, '\r\n'), ok(['Words', 'here'])),
  raw('quoted keys', section('Words.\n').replace('kind: general', '"kind": "general"'), ok(['Words'])),
  raw('flow-style front matter', '---\n{id: case, heading: Case, kind: general}\n---\nFlow words.\n', ok(['Flow', 'words'])),
  raw('a YAML comment only line', section('Words.\n').replace('kind: general', 'kind: general # a comment'), ok(['Words'])),
  withOrdinance('version 0x10 (YAML for 16)', ordinanceWith('', [/version: 1/, 'version: 0x10']), ok()),
  withOrdinance('version 10000', ordinanceWith('', [/version: 1/, 'version: 10000']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 6 }),
  withOrdinance('version -1', ordinanceWith('', [/version: 1/, 'version: -1']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 6 }),
  withOrdinance('version 1.5', ordinanceWith('', [/version: 1/, 'version: 1.5']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 6 }),
  withOrdinance('version 1e3 (YAML for 1000)', ordinanceWith('', [/version: 1/, 'version: 1e3']), ok()),
  withOrdinance('version 1e30', ordinanceWith('', [/version: 1/, 'version: 1e30']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 6 }),
  withOrdinance('version as text', ordinanceWith('', [/version: 1/, 'version: x']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 6 }),
  withOrdinance('vote of 1e26 ayes', ordinanceWith('vote: { ayes: 100000000000000000000000000, noes: 0 }\n'), {
    rule: 'front-matter-schema',
    file: 'ordinance.md',
    line: 11,
    column: 15,
  }),
  withOrdinance('vote of -3 noes', ordinanceWith('vote: { ayes: 3, noes: -3 }\n'), { rule: 'front-matter-schema', file: 'ordinance.md', line: 11 }),
  withOrdinance('date February 30', ordinanceWith('', [/"2025-01-07"/, '"2025-02-30"']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 10 }),
  withOrdinance('unquoted date', ordinanceWith('', [/"2025-01-07"/, '2025-01-07']), ok()),
  withOrdinance('empty title', ordinanceWith('', [/^title: .*$/m, 'title: ""']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 2 }),
  withOrdinance('control character in the title', ordinanceWith('', [/^title: "An/m, 'title: "\\x01An']), {
    rule: 'front-matter-control-character',
    file: 'ordinance.md',
    line: 2,
  }),
  withOrdinance('status repealed', ordinanceWith('', [/status: draft/, 'status: repealed']), { rule: 'front-matter-schema', file: 'ordinance.md', line: 5 }),
  withOrdinance('unknown jurisdiction', ordinanceWith('', [/jurisdiction: los-angeles/, 'jurisdiction: atlantis']), { rule: 'jurisdiction-known', file: 'ordinance.md' }),
  withOrdinance('jurisdiction that walks up folders', ordinanceWith('', [/jurisdiction: los-angeles/, 'jurisdiction: ../../../../etc/passwd']), {
    rule: 'front-matter-schema',
    file: 'ordinance.md',
    line: 4,
  }),
  withOrdinance('jurisdiction __proto__', ordinanceWith('', [/jurisdiction: los-angeles/, 'jurisdiction: __proto__']), {
    rule: 'front-matter-schema',
    file: 'ordinance.md',
    line: 4,
  }),
  withOrdinance('jurisdiction constructor', ordinanceWith('', [/jurisdiction: los-angeles/, 'jurisdiction: constructor']), { rule: 'jurisdiction-known', file: 'ordinance.md' }),
  withOrdinance('1,000 sponsors', ordinanceWith('', [/ {2}- "Councilmember A"/, Array.from({ length: 1000 }, (_, i) => `  - "Member ${i}"`).join('\n')]), ok()),
  withOrdinance('alias bomb in ordinance.md', ordinanceWith(alias(10)), { rule: 'yaml-aliases', file: 'ordinance.md', line: 12 }),
  withOrdinance('short title with a newline', ordinanceWith('', [/^short-title: .*$/m, 'short-title: "Stop\\nRecords"']), ok()),
  withOrdinance('short title with U+FFFF', ordinanceWith('', [/^short-title: .*$/m, 'short-title: "Stop \\uFFFF Records"']), {
    rule: 'front-matter-control-character',
    file: 'ordinance.md',
    line: 3,
  }),
  withOrdinance('codifies an unknown directive', ordinanceWith('codifies: [no-such-order]\n'), { rule: 'codifies-resolves', file: 'ordinance.md' }),
  withOrdinance('codifies __proto__', ordinanceWith('codifies: [__proto__]\n'), { rule: 'front-matter-schema', file: 'ordinance.md' }),
];

const injection: OrdinanceCase[] = [
  {
    ...withOrdinance(
      'PDF syntax in the title',
      ordinanceWith('', [/title: "An ordinance adding/, 'title: "An ordinance ) /JS (app.alert(1)) >> endobj adding']),
      ok(['JS', 'endobj']),
    ),
    preflight: true,
  },
  withOrdinance('XML in the title', ordinanceWith('', [/title: "An ordinance adding/, 'title: "An ordinance </rdf:Description><x:y> & adding']), ok(['rdf', 'Description'])),
  withOrdinance('backslashes in the short title', ordinanceWith('', [/^short-title: .*$/m, 'short-title: "Stop \\\\ Records \\\\)"']), ok()),
  one('PDF operators in the body', 'Text ) Tj ET BT /F1 12 Tf (x) Tj endstream %%EOF words.\n', ok(['Tj', 'endstream', 'EOF', 'words'])),
  one('unbalanced parentheses', 'Opening ((( and closing ))) and \\( escaped.\n', ok(['Opening', 'closing', 'escaped'])),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the drafter's text holds a template placeholder on purpose.
  one('format strings', 'Values %s %n %x %d {0} ${x} words.\n', ok(['Values', 'words'])),
  one('shell syntax in the body', 'Run $(rm -rf /) and `ls` never.\n', ok(['Run', 'rm', 'rf', 'ls', 'never'])),
  raw('shell syntax in the heading', section('Words.\n').replace('heading: Case', 'heading: "$(rm -rf /) and `id`"'), ok(['Words'])),
  one('HTML script in the body', 'Text <script>alert(1)</script> more.\n', err('unsupported-markdown', 6, 6)),
  one('an HTML line break', 'One<br>two.\n', err('unsupported-markdown', 6, 4)),
  one('a comparison that is not HTML', 'If a < b and c > d, then e <= f.\n', ok(['If', 'then'])),
  one('HTML block', '<div>\nblock\n</div>\n', err('unsupported-markdown', 6, 1)),
  one('HTML comment', 'Visible words <!-- a hidden comment --> stay.\n', ok(['Visible', 'words', 'stay'])),
  one('javascript: link', 'A [click](javascript:alert(1)) link.\n', err('link-scheme', 6)),
  one('file: link', 'A [disk](file:///etc/passwd) link.\n', err('link-scheme', 6)),
  one('data: link', 'A [blob](data:text/html;base64,PHNjcmlwdD4=) link.\n', err('link-scheme', 6)),
  one('javascript: autolink', 'A <javascript:alert(1)> link.\n', err('link-scheme', 6)),
  one('vbscript: link in capitals', 'A [run](VBSCRIPT:msgbox) link.\n', err('link-scheme', 6)),
  one('https link', 'A [page](https://example.org/a?b=c&d=(e)) link.\n', ok(['page', 'link'])),
  one('mailto link', 'Write [the clerk](mailto:clerk@example.org?subject=x) today.\n', ok(['clerk', 'today'])),
  one('image outside the folder', 'Chart:\n\n![Chart](/etc/hostname)\n', err('image-file', 8, 1)),
  one('image that climbs out', 'Chart:\n\n![Chart](../../../etc/hostname)\n', err('image-file', 8, 1)),
  one('image over http', 'Chart:\n\n![Chart](https://example.org/x.png)\n', err('image-file', 8, 1)),
  { name: 'image that is not an image', files: { '01-case.md': section('![Chart](chart.png)\n'), 'chart.png': 'not a PNG at all' }, expect: err('image-file', 6, 1) },
  { name: 'image that is a folder', files: { '01-case.md': section('![Chart](figures)\n'), 'figures/readme.txt': 'x' }, expect: err('image-file', 6, 1) },
  {
    name: 'image that is a named pipe',
    files: { '01-case.md': section('![Chart](chart.png)\n') },
    setup: (dir) => mkfifo(`${dir}/chart.png`),
    expect: err('image-file', 6, 1),
  },
  { name: 'image that is missing', files: { '01-case.md': section('![Chart](missing.png)\n') }, expect: err('image-file', 6, 1) },
  {
    name: 'truncated PNG',
    files: { '01-case.md': section('![Chart](chart.png)\n'), 'chart.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) },
    expect: err('image-file', 6, 1),
  },
  {
    name: 'JPEG header only',
    files: { '01-case.md': section('![Photo](photo.jpg)\n'), 'photo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) },
    expect: err('image-file', 6, 1),
  },
  one('reference to ../', 'See :ref{to="../x"}.\n', err('section-ref-resolves', 6, 5)),
  one('reference to itself', 'See :ref{to=case} here.\n', ok(['See', 'here'])),
  one('citation of __proto__', 'Under :cite[Order]{to=__proto__} here.\n', err('citation-resolves', 6, 7)),
  one('citation of constructor', 'Under :cite[Order]{to=constructor} here.\n', err('citation-resolves', 6, 7)),
  one('citation of toString', 'Under :cite[Order]{to=toString} here.\n', err('citation-resolves', 6, 7)),
  one('citation with a 10 KB pinpoint', `Under :cite[Order]{to=example-order pin="${'§'.repeat(10_000)}"} here.\n`, err('citation-pinpoint', 6, 7)),
  one('attribute value with quotes and braces', 'See :ref{to="case\\"}{x"} now.\n', err('section-ref-resolves', 6)),
  one('suppression without a reason', '<!-- ordinance-disable-next-line vague-terms -->\nWords.\n', err('suppression-reason', 6)),
  one('suppression of an unknown rule', '<!-- ordinance-disable-next-line no-such-rule -- because -->\nWords.\n', err('suppression-rule', 6)),
  one('mustache templates', 'Dear {{name}}, see {% raw %} words.\n', ok(['Dear', 'name', 'raw', 'words'])),
  one('SQL in the body', "Robert'); DROP TABLE ordinances;-- words.\n", ok(['Robert', 'DROP', 'TABLE', 'ordinances', 'words'])),
];

const markdown: OrdinanceCase[] = [
  one('a heading in a section', '# Title\n\nWords.\n', err('unsupported-markdown', 6, 1)),
  one('a setext heading', 'Title\n=====\n\nWords.\n', err('unsupported-markdown', 6, 1)),
  one('a fenced code block', '```\ncode\n```\n', err('unsupported-markdown', 6, 1)),
  one('an indented code block', 'Words.\n\n    code\n', err('unsupported-markdown', 8, 1)),
  one('inline code', 'Use `code` here.\n', ok(['Use', 'code', 'here'])),
  one('a thematic break', 'Above.\n\n***\n\nBelow.\n', err('unsupported-markdown', 8, 1)),
  one('strikethrough', 'Keep ~~gone~~ words.\n', ok(['Keep', 'gone', 'words'])),
  one('hard line breaks', 'First line  \nsecond line\\\nthird line.\n', ok(['First', 'second', 'third'])),
  one('a task list', '- [ ] open task\n- [x] done task\n', ok(['open', 'done', 'task'])),
  one('an empty link', 'Before [](https://example.org) after.\n', ok(['Before', 'after'])),
  one('a reference link without a definition', 'See [the page][nowhere] now.\n', ok(['See', 'page', 'nowhere', 'now'])),
  one('a reference link with a definition', 'See [the page][def] now.\n\n[def]: https://example.org\n', ok(['See', 'page', 'now'])),
  one('a footnote', 'Claim.[^1]\n\n[^1]: Source.\n', err('unsupported-markdown', 8, 1)),
  one('an unclosed inline annotation', 'Words :ins[never closed here.\n', err('annotation-attribute', 6, 7)),
  one('an unclosed block note', ':::note\nhidden\n', err('empty-section', 1, 1)),
  one('insertion inside a deletion', 'Text :del[old :ins[new] words] done.\n', ok(['Text', 'old', 'new', 'words', 'done'])),
  one('an unknown annotation', 'A :foo[bar] here.\n', err('unknown-annotation', 6, 3)),
  one('an unknown attribute', 'See :ref{too=case}.\n', err('annotation-attribute', 6, 5)),
  one('a placeholder', 'Due :tbd[date of notice] today.\n', warn('placeholder')),
  one('a term outside the definitions', ':term[Clerk] keeps records.\n', warn('term-outside-definitions')),
  one('1,000 references', `${Array.from({ length: 1000 }, () => 'See :ref{to=case}.').join(' ')}\n`, ok(['See'])),
  one('an image with an empty description', '![](x.png)\n', err('image-file', 6, 1)),
  one('escaped colons', 'Time \\:ins[not an annotation] 8:00 p.m. and 3:1 odds.\n', ok(['Time', 'not', 'annotation', '00', 'odds'])),
  one('only white space', '   \n\t\n', err('empty-section', 1, 1)),
  one('deleted and inserted words side by side', 'Pay :del[ten]:ins[twenty] dollars.\n', ok(['Pay', 'ten', 'twenty', 'dollars'])),
  one('a definition list of terms', 'In this section:\n\n(a) :term[Agency] means a City agency.\n', warn('term-outside-definitions')),
];

const folders: OrdinanceCase[] = [
  { name: 'a folder named like a section, holding no section', files: { '01-case.md': section('Words.\n'), '02-folder.md/x.txt': 'x' }, expect: ok(['Words']) },
  {
    name: 'a dangling link as a section',
    files: { '01-case.md': section('Words.\n') },
    setup: (dir) => symlink('missing.md', `${dir}/02-dangling.md`),
    expect: err('source-link', 1, 1, '02-dangling.md'),
  },
  {
    name: 'a link out of the workspace',
    files: { '01-case.md': section('Words.\n') },
    setup: (dir) => symlink('/etc/hostname', `${dir}/02-outside.md`),
    expect: err('source-link', 1, 1, '02-outside.md'),
  },
  {
    name: 'a linked section inside the workspace',
    files: { '01-case.md': section('Words.\n') },
    setup: (dir, ws) => {
      writeFile(`${ws}/ordinance/.shared/linked.md`, section('Linked words print.\n').replace('id: case', 'id: linked'));
      symlink('../.shared/linked.md', `${dir}/02-linked.md`);
    },
    expect: ok(['Linked', 'words', 'print']),
  },
  {
    name: 'a linked folder that loops',
    files: { '01-case.md': section('Words.\n') },
    setup: (dir) => symlink('.', `${dir}/loop`),
    expect: err('source-link', 1, 1, 'loop'),
  },
  {
    name: 'a named pipe as a section',
    files: { '01-case.md': section('Words.\n') },
    setup: (dir) => mkfifo(`${dir}/02-pipe.md`),
    expect: err('source-file', 1, 1, '02-pipe.md'),
  },
  {
    name: 'a group folder with group.md',
    files: {
      '01-case.md': section('Top words.\n'),
      '02-part/group.md': '---\nprefix: Part\nnum: "1"\nheading: Part One\n---\n',
      '02-part/01-inner.md': section('Inner words.\n').replace('id: case', 'id: inner'),
    },
    expect: ok(['Top', 'Inner']),
  },
  {
    name: 'a group folder without group.md',
    files: { '01-case.md': section('Top words.\n'), '02-part/01-inner.md': section('Inner words.\n').replace('id: case', 'id: inner') },
    expect: ok(['Top', 'Inner']),
  },
  {
    name: 'a broken group.md',
    files: { '01-case.md': section('Top words.\n'), '02-part/group.md': '---\nheading: [\n---\n', '02-part/01-inner.md': section('Inner.\n').replace('id: case', 'id: inner') },
    expect: err('front-matter-syntax', undefined, undefined, '02-part/group.md'),
  },
  {
    name: 'ordinance.md as a folder',
    files: { 'ordinance.md': null, 'ordinance.md/x.txt': 'x', '01-case.md': section('Words.\n') },
    expect: err('source-file', 1, 1, 'ordinance.md'),
  },
  { name: 'an empty ordinance.md', files: { 'ordinance.md': '', '01-case.md': section('Words.\n') }, expect: err('front-matter-syntax', 1, 1, 'ordinance.md') },
  { name: 'only a README', files: { 'ordinance.md': null, 'README.md': '# Notes\n' }, expect: { rule: 'empty-ordinance', file: '' } },
  {
    name: 'a hidden section file',
    files: { '01-case.md': section('Shown words.\n'), '.02-hidden.md': section('Hidden.\n').replace('id: case', 'id: hidden') },
    expect: ok(['Shown']),
  },
  { name: 'a text file beside the sections', files: { '01-case.md': section('Shown words.\n'), 'notes.txt': 'not a section' }, expect: ok(['Shown']) },
  {
    name: 'a section named in capitals',
    files: { '01-case.md': section('Shown words.\n'), '02-LOUD.MD': section('Loud.\n').replace('id: case', 'id: loud') },
    expect: ok(['Shown']),
  },
  { name: 'a Unicode file name', files: { '01-señal.md': section('Señal words.\n') }, expect: ok(['Señal', 'words']) },
  { name: 'a file name with spaces and colons', files: { '01 a: b.md': section('Spaced name words.\n') }, expect: ok(['Spaced', 'name']) },
  { name: 'a 200-character file name', files: { [`01-${'n'.repeat(200)}.md`]: section('Long name words.\n') }, expect: ok(['Long', 'name']) },
  {
    name: 'two sections with one id',
    files: { '01-case.md': section('First.\n'), '02-case.md': section('Second.\n') },
    expect: err('section-id-unique', undefined, undefined, '02-case.md'),
  },
  {
    name: 'groups nested 6 folders deep',
    files: { '01-case.md': section('Top.\n'), 'a/b/c/d/e/f/01-deep.md': section('Deep folder words.\n').replace('id: case', 'id: deep') },
    expect: ok(['Deep', 'folder']),
  },
];

function symlink(target: string, at: string): void {
  symlinkSync(target, at);
}

function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function mkfifo(file: string): void {
  const result = spawnSync('mkfifo', [file]);
  if (result.status !== 0) throw new Error(`mkfifo failed: ${result.stderr}`);
}

/** Every case laid into one ordinance folder of its own. */
export const ORDINANCE_CASES: OrdinanceCase[] = [...encodings, ...unicode, ...sizes, ...yaml, ...injection, ...markdown, ...folders];
