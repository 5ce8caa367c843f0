/**
 * A grammar of the source format for property tests (fast-check): random
 * ordinances of front matter, sections, subdivisions, lists, block quotes,
 * tables, annotations (:ref, :cite, :ins, :del, :tbd, :note), links and
 * Unicode words. Each piece carries the words it prints, so a property can
 * look for every one of them in the PDF. `noisy` mixes in stray Markdown and
 * annotation syntax, for the properties that hold of any input.
 */
import fc from 'fast-check';

/** Markdown source and the words it prints, in order. */
export interface Piece {
  md: string;
  words: string[];
}

export interface GeneratedSection {
  id: string;
  file: string;
  text: string;
  words: string[];
}

export interface GeneratedOrdinance {
  ordinance: string;
  sections: GeneratedSection[];
}

/** Words with no Markdown or YAML meaning, in the main fonts' scripts: Latin with accents, Greek, Cyrillic. */
export const MAIN_FONT_WORDS = [
  'city',
  'council',
  'shall',
  'record',
  'every',
  'stop',
  'officer',
  'notice',
  'days',
  'public',
  'agency',
  'resident',
  'permit',
  'fee',
  'Ángeles',
  'niños',
  'Señora',
  'Ciudad',
  'Αθήνα',
  'Москва',
  'café',
  'naïve',
  'Zürich',
];

/** The same, with words of the fallback fonts' scripts: Armenian, Chinese, Korean, Japanese kana. */
export const ALL_WORDS = [...MAIN_FONT_WORDS, 'Երևան', '北京市', '李明', '서울특별시', 'ひらがな'];

/** The grammar over one vocabulary. */
/** The grammar over one vocabulary; `many` bounds how many pieces, items and blocks a container holds (small keeps documents quick to parse). */
export function grammarOf(vocabulary: readonly string[], many = 4) {
  const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...vocabulary) }, { weight: 2, arbitrary: fc.stringMatching(/^[a-z]{1,10}[0-9]{0,2}$/) });

  const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max });

  const plain: fc.Arbitrary<Piece> = words(1, 6).map((ws) => ({ md: ws.join(' '), words: ws }));

  /** Inline content: words, emphasis, links and annotations, nested a few levels. */
  const inline = (ids: string[]): fc.Arbitrary<Piece> =>
    fc.letrec<{ piece: Piece; pieces: Piece }>((tie) => ({
      piece: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { weight: 6, arbitrary: plain },
        { weight: 1, arbitrary: tie('pieces').map((p) => ({ md: `*${p.md}*`, words: p.words })) },
        { weight: 1, arbitrary: tie('pieces').map((p) => ({ md: `**${p.md}**`, words: p.words })) },
        { weight: 1, arbitrary: plain.map((p) => ({ md: `:ins[${p.md}]`, words: p.words })) },
        { weight: 1, arbitrary: plain.map((p) => ({ md: `:del[${p.md}]`, words: p.words })) },
        { weight: 1, arbitrary: plain.map((p) => ({ md: `~~${p.md}~~`, words: p.words })) },
        { weight: 1, arbitrary: plain.map((p) => ({ md: `:tbd[${p.md}]`, words: p.words })) },
        { weight: 1, arbitrary: plain.map((p) => ({ md: `:note[${p.md}]`, words: [] })) },
        { weight: 1, arbitrary: fc.tuple(plain, word).map(([p, w]) => ({ md: `[${p.md}](https://example.org/${encodeURIComponent(w)})`, words: p.words })) },
        { weight: 1, arbitrary: fc.constant<Piece>({ md: ':cite[Example Order 7]{to=example-order pin="§ 1"}', words: ['Example', 'Order', '7'] }) },
        { weight: 1, arbitrary: fc.constantFrom(...ids).map((id) => ({ md: `:ref{to=${id}}`, words: [] })) },
      ),
      pieces: fc.array(tie('piece'), { minLength: 1, maxLength: many }).map(join),
    })).pieces;

  function join(pieces: Piece[]): Piece {
    return { md: pieces.map((p) => p.md).join(' '), words: pieces.flatMap((p) => p.words) };
  }

  const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

  /** Blocks of a section body. */
  const block = (ids: string[]): fc.Arbitrary<Piece> => {
    const text = inline(ids);
    const paragraph = text;
    const list = fc.array(text, { minLength: 1, maxLength: many }).map((items) => ({ md: items.map((i) => `- ${i.md}`).join('\n'), words: items.flatMap((i) => i.words) }));
    const ordered = fc
      .array(text, { minLength: 1, maxLength: many })
      .map((items) => ({ md: items.map((i, n) => `${n + 1}. ${i.md}`).join('\n'), words: items.flatMap((i) => i.words) }));
    const quote = fc.array(text, { minLength: 1, maxLength: 2 }).map((ps) => ({ md: ps.map((p) => `> ${p.md}`).join('\n>\n'), words: ps.flatMap((p) => p.words) }));
    const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc
        .tuple(fc.array(word, { minLength: columns, maxLength: columns }), fc.array(fc.array(plain, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 3 }))
        .map(([head, rows]) => ({
          md: [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(columns)}`, ...rows.map((r) => `| ${r.map((c) => c.md).join(' | ')} |`)].join('\n'),
          words: [...head, ...rows.flatMap((r) => r.flatMap((c) => c.words))],
        })),
    );
    const note = plain.map((p) => ({ md: `:::note\n${p.md}\n:::`, words: [] }));
    return fc.oneof({ weight: 5, arbitrary: paragraph }, list, ordered, quote, table, note);
  };

  /** Subdivisions (a), (b)... each with optional children (1), (2)...: the marker form, always in sequence. */
  const subdivisions = (ids: string[]): fc.Arbitrary<Piece> =>
    fc.array(fc.tuple(inline(ids), fc.array(inline(ids), { maxLength: many - 1 })), { minLength: 1, maxLength: many }).map((items) => {
      const pieces = items.flatMap(([text, children], i) => [
        { md: `(${LETTERS[i]}) ${text.md}`, words: text.words },
        ...children.map((child, j) => ({ md: `(${j + 1}) ${child.md}`, words: child.words })),
      ]);
      return { md: pieces.map((p) => `${p.md}\n\n`).join(''), words: pieces.flatMap((p) => p.words) };
    });

  const KINDS = ['general', 'purpose', 'findings', 'operative', 'enforcement', 'exception'];

  /** One section's file: front matter and a lead-in of blocks, then perhaps subdivisions. */
  const sectionOf = (id: string, ids: string[]): fc.Arbitrary<GeneratedSection> =>
    fc
      .record({
        heading: words(1, 5),
        kind: fc.constantFrom(...KINDS),
        // A paragraph of printed words first, so every section prints something (a section of notes only is empty).
        lead: fc
          .tuple(
            inline(ids).filter((first) => first.words.length > 0),
            fc.array(block(ids), { maxLength: many - 2 }),
          )
          .map(([first, more]) => [first, ...more]),
        subs: fc.option(subdivisions(ids), { nil: undefined }),
      })
      .map(({ heading, kind, lead, subs }) => {
        const body = [...lead.map((b) => `${b.md}\n\n`), subs?.md ?? ''].join('');
        const summary = kind === 'operative' ? 'summary: "Police must keep a record of each stop."\n' : '';
        const text = `---\nid: ${id}\nheading: ${JSON.stringify(heading.join(' '))}\nkind: ${kind}\n${summary}---\n${body}`;
        return { id, file: '', text, words: [...lead.flatMap((b) => b.words), ...(subs?.words ?? [])] };
      });

  /** One section file's text, with the words it prints (ids `s1` to `s3` may be referred to). */
  const section: fc.Arbitrary<GeneratedSection> = sectionOf('s1', ['s1', 's2', 's3']).map((s) => ({ ...s, file: '01-s1.md' }));

  /** A well-formed ordinance of one to three sections. */
  const ordinance: fc.Arbitrary<GeneratedOrdinance> = fc.integer({ min: 1, max: 3 }).chain((count) => {
    const ids = Array.from({ length: count }, (_, i) => `s${i + 1}`);
    return fc.tuple(...ids.map((id) => sectionOf(id, ids))).map((sections) => ({
      ordinance: ORDINANCE_MD,
      sections: sections.map((s, i) => ({ ...s, file: `${String(i + 1).padStart(2, '0')}-${s.id}.md` })),
    }));
  });

  return { section, ordinance, noisy: ordinance.chain(withNoise) };
}

/** The ordinance.md of every generated ordinance. */
export const ORDINANCE_MD = `---
title: "An ordinance adding Section 1.1 to the Example Code to require stop records."
short-title: "Stop Records Ordinance"
jurisdiction: los-angeles
status: draft
version: 1
dates:
  introduced: "2025-01-07"
---
`;

/** Stray syntax: markers, fences, brackets, YAML and annotation fragments, control and odd Unicode characters. */
const NOISE = [
  '*',
  '_',
  '**',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ':',
  '::',
  ':::',
  ':ref{',
  ':cite[',
  ':ins[',
  'to=',
  '"',
  '\\',
  '`',
  '|',
  '#',
  '>',
  '-',
  '1.',
  '(a)',
  '(1)',
  '---',
  '\n',
  '\n\n',
  '<!--',
  '-->',
  '<b>',
  '&amp;',
  '\t',
  '\u0000',
  '\u00ad',
  '\u200b',
  '\u202e',
  '\ufffd',
  '\uffff',
  '𝐀',
  '~~',
  '![',
  '](',
  'http://',
  'javascript:',
];

/** `text` with stray syntax put in at a few places. */
export function noiseIn(text: string): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fc.nat(), fc.array(fc.constantFrom(...NOISE), { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [at, noise] of edits) {
      const where = at % (out.length + 1);
      out = out.slice(0, where) + noise.join('') + out.slice(where);
    }
    return out;
  });
}

/** An ordinance with stray syntax put into one of its section files: input no property may crash on. */
export function withNoise(o: GeneratedOrdinance): fc.Arbitrary<GeneratedOrdinance> {
  return fc
    .nat({ max: o.sections.length - 1 })
    .chain((which) => noiseIn(o.sections[which]!.text).map((text) => ({ ...o, sections: o.sections.map((s, i) => (i === which ? { ...s, text } : s)) })));
}
