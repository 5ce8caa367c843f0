/**
 * `ordinance import dc-law <law-xml> <out-dir> [--plain]`: a D.C. act as the
 * Council codified it (the amendments corpus' laws/*.xml) as an ordinance
 * folder of the source format: ordinance.md, one section file per section of
 * the act, its numbered paragraphs as subdivisions, the text it quotes (new or
 * rewritten law) as block quotes. The Council's codification markup
 * (codify:*) beside each amending sentence is dropped with `--plain`, so only
 * the prose is left to read; otherwise it becomes the annotation form
 * (`::amend{…}`), the same instruction stated explicitly. Written beside the
 * target and renamed into place, so a failed import leaves nothing half done.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { stringify as yamlStringify } from 'yaml';
import { markdown } from '../../dc-xml/markdown.js';
import { blocksOf, type SectionContext } from '../../dc-xml/section.js';
import { importInto } from '../staging.js';
import { attribute, child, designationOf, elements, local, textOf, type Element } from '../../dc-xml/xml.js';
import { readXml } from '../xml-file.js';
import { loadTemplate } from '../../load/templates.js';
import { annotationOf } from './annotation.js';
import { signersOn } from '../../template/officials.js';
import { slugify } from '../../text/slug.js';
import type { Jurisdiction } from '../../template/template-schema.js';

export interface LawImportOptions {
  /** Drop the Council's codification markup: only the prose is left. */
  plain: boolean;
}

export interface LawImportReport {
  law: string;
  sections: number;
  /** Codification instructions written as annotations (0 with `plain`). */
  annotations: number;
  /** Paragraphs of the codifier's (the code's text as rewritten, beside a sentence that does not quote it) left out: not the act's words. */
  codifiers: number;
  /** Titles and subtitles (a budget act's), each a group: a folder with its group.md. */
  groups: number;
  /** Containers the XML gives no prefix and number, whose sections were imported into the group around them (a heading of theirs is not printed). */
  undesignated: number;
}

/** Import one act's XML into the ordinance folder `outDir`. */
export function importDcLaw(lawXml: string, outDir: string, options: LawImportOptions): LawImportReport {
  if (!existsSync(lawXml)) throw new Error(`${lawXml}: no such file`);
  const document = mendBrokenLines(readXml(lawXml));
  if (local(document) !== 'document') throw new Error(`${lawXml}: not a D.C. law (expected a <document> root, found <${local(document)}>)`);
  const lawNum = elements(document, 'num').find((n) => attribute(n, 'type') === 'law');
  const law = textOf(lawNum) || path.basename(lawXml, '.xml');
  const report: LawImportReport = { law: `D.C. Law ${law}`, sections: 0, annotations: 0, codifiers: 0, groups: 0, undesignated: 0 };
  const { jurisdiction } = loadTemplate('district-of-columbia');
  const clause = jurisdiction.enactingClause ?? '';
  importInto(outDir, `D.C. Law ${law} imported from ${path.basename(lawXml)}${options.plain ? ' (plain)' : ''}`, (staging) => {
    // The D.C. Code beside the act, where the workspace holds it (`ordinance import dc-code` into `dc-code/`): the code it amends.
    const code = existsSync(path.join(path.dirname(path.resolve(outDir)), CODE_FOLDER)) ? CODE_FOLDER : undefined;
    writeFileSync(path.join(staging, 'ordinance.md'), ordinanceFile(document, law, jurisdiction.roles, clause, code));
    // The act in order: its sections, and the titles and subtitles that hold them (a budget act's), as groups (group.md in a folder).
    const entries: Entry[] = [];
    // Sec. 1, the short title, is the act's opening sentence: the enacting clause (the template prints it) run in to "That this act may be cited as …".
    const opening = shortTitleSection(document, clause);
    if (opening) entries.push({ kind: 'section', parent: null, id: 'sec-1', front: { id: 'sec-1', kind: 'general' }, body: [opening] });
    const ids = new Set(entries.flatMap((e) => (e.kind === 'section' ? [e.id] : [])));
    let printed = entries.length;
    let count = 0;
    const walk = (parent: Element, group: number | null): void => {
      for (const el of elements(parent)) {
        if (local(el) === 'container') {
          const prefix = textOf(child(el, 'prefix'));
          const num = textOf(child(el, 'num'));
          const heading = textOf(child(el, 'heading'));
          // A container the act gives no designation ("TITLE I") heads nothing the act prints: its sections stand in the one around it.
          if (!prefix || !num) {
            report.undesignated++;
            walk(el, group);
            continue;
          }
          entries.push({ kind: 'group', parent: group, slug: slugify(`${prefix} ${num}`), meta: { prefix, num, ...(heading ? { heading } : {}) } });
          report.groups++;
          walk(el, entries.length - 1);
          continue;
        }
        if (local(el) !== 'section') continue;
        const section = el;
        const i = count++;
        const num = textOf(child(section, 'num')) || String(i + 1);
        let id = `sec-${slugify(num) || i + 1}`;
        while (ids.has(id)) id = `${id}-${i + 1}`;
        ids.add(id);
        const ctx = new LawContext(options, report);
        const body: RootContent[] = [];
        const headingLine = headingAsText(section);
        convertChildren(headingLine ? { ...section, children: section.children.filter((c) => c !== headingLine) } : section, body, ctx);
        let heading = textOf(child(section, 'heading')) || (headingLine ? textOf(headingLine) : '');
        // A section the XML gives only a heading ("This subtitle may be cited as …".) has that sentence as its text, and no heading.
        if (heading && body.length === 0) {
          body.push(paragraph([text(heading)]));
          heading = '';
        }
        // The act's own number is written where counting would not give it (an act numbered by titles: Sec. 101, 102, 201…).
        const own = /^[1-9][0-9]*$/.test(num) ? Number(num) : undefined;
        const number = own !== undefined && own !== printed + 1 ? num : /^[1-9][0-9]*$/.test(num) ? undefined : num;
        printed = own ?? printed + 1;
        entries.push({ kind: 'section', parent: group, id, front: { id, ...(number ? { number } : {}), ...(heading ? { heading } : {}), kind: kindOf(section, heading) }, body });
      }
    };
    walk(document, null);
    // One running ordinal names every file and folder, so each folder lists its entries in the act's order.
    const width = Math.max(2, String(entries.length).length);
    const places: string[] = [];
    entries.forEach((entry, i) => {
      const name = `${String(i + 1).padStart(width, '0')}-${entry.kind === 'group' ? entry.slug : entry.id}`;
      const place = path.join(entry.parent === null ? staging : places[entry.parent]!, name);
      places.push(place);
      if (entry.kind === 'group') {
        mkdirSync(place);
        writeFileSync(path.join(place, 'group.md'), `---\n${yamlStringify(entry.meta, { lineWidth: 0 })}---\n`);
        return;
      }
      const tree: Root = { type: 'root', children: [{ type: 'yaml', value: yamlStringify(entry.front, { lineWidth: 0 }).trimEnd() }, ...entry.body] };
      writeFileSync(`${place}.md`, markdown.stringify(tree));
      report.sections++;
    });
  });
  return report;
}

/** What converting one section needs: the options, the citation context of the code importer, the report. */
class LawContext {
  readonly cite: SectionContext = { plainCitations: true, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
  constructor(
    readonly options: LawImportOptions,
    readonly report: LawImportReport,
    /** Inside quoted text (an `<include>`), where every paragraph is the quotation's. */
    readonly quoting = false,
  ) {}
}

/**
 * A paragraph of the codifier's, not the act's: outside quoted text, a
 * `<para>` that opens with the codification's `<codify:replace>` holds the
 * code's unit as the codifier rewrote it in consequence of the sentence before
 * it (D.C. Law 24-147 Sec. 130, amending another act's Sec. 2(a)(4), carries
 * § 7-742.01(5) as rewritten). The act prints only its sentence.
 */
function codifiersParagraph(el: Element, ctx: LawContext): boolean {
  const first = elements(el)[0];
  return !ctx.quoting && local(el) === 'para' && first !== undefined && first.name === 'codify:replace';
}

/**
 * A section heading the act's XML gives as its first line of text ("Effective
 * date" above "This act shall take effect …"): a few words, capitalized, with
 * no number, parenthesis or sentence punctuation, and text after them.
 */
function headingAsText(section: Element): Element | undefined {
  if (textOf(child(section, 'heading'))) return undefined;
  const [first, next] = elements(section).filter((e) => local(e) !== 'num');
  if (!first || !next || local(first) !== 'text') return undefined;
  const words = textOf(first).trim();
  // "Title 28 of the D." is a sentence the XML broke at an initial, not a heading.
  return words.length <= 60 && /^[A-Z][A-Za-z'’ -]*\.?$/.test(words) && !/\b[A-Z]\.$/.test(words) ? first : undefined;
}

/** The kind of an act's section: one that amends (it holds the Council's codification markup), the effective date, or general. */
function kindOf(section: Element, heading: string): string {
  if (hasCodify(section)) return 'amendment';
  if (/^effective dates?\.?$/i.test(heading.trim())) return 'effective-date';
  return 'general';
}

/** The act's opening sentence after the enacting clause ("That this act may be cited as …"), as Sec. 1's text; null when the act has none. */
function shortTitleSection(document: Element, clause: string): Paragraph | null {
  const opening = elements(document, 'text')
    .map((t) => textOf(t).trim())
    .filter(Boolean)
    .join(' ');
  if (!opening) return null;
  const words = clause.trim().replace(/[,.:]$/, '');
  const rest = words && opening.toUpperCase().startsWith(words.toUpperCase()) ? opening.slice(words.length).replace(/^[\s,.:]+/, '') : opening;
  return rest ? paragraph([text(rest)]) : null;
}

/** The act's identity as the Council records it: its titles, its Act, Bill and Law numbers and register citation, the date of each stage. */
/** Where a workspace keeps the D.C. Code's titles. */
const CODE_FOLDER = 'dc-code';

function ordinanceFile(document: Element, law: string, roles: Jurisdiction['roles'], clause: string, code: string | undefined): string {
  const heading = (type: string) => textOf(elements(document, 'heading').find((h) => attribute(h, 'type') === type));
  const numberOf = (type: string) => textOf(elements(document, 'num').find((n) => attribute(n, 'type') === type));
  const meta = child(document, 'meta');
  const field = (parent: Element | undefined, name: string) => textOf(parent ? child(parent, name) : undefined);
  const citations = meta ? child(meta, 'citations') : undefined;
  const register = textOf((citations ? elements(citations, 'citation') : []).find((c) => attribute(c, 'type') === 'register'));
  const history = meta ? child(meta, 'history') : undefined;
  const final = (history ? elements(history, 'vote') : []).find((v) => /^final$/i.test(attribute(v, 'reading') ?? ''));
  const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const dates = Object.fromEntries(
    Object.entries({
      introduced: day(field(meta, 'introduced')),
      passed: day(final ? attribute(final, 'date') : undefined),
      approved: day(field(history, 'enacted')),
      effective: day(field(meta, 'effective')),
    }).filter(([, v]) => v),
  );
  const officials = signersOn(roles, dates);
  const act = numberOf('act');
  const numbers = Object.fromEntries(Object.entries({ bill: numberOf('bill'), law, register }).filter(([, v]) => v));
  const short = heading('short');
  // Some acts' XML gives the enacting sentence as the long title (D.C. Law 24-167): that is Sec. 1, not a title, and the act has none to give.
  const words = clause
    .trim()
    .replace(/[,.:]$/, '')
    .toUpperCase();
  const long = words && heading('long').toUpperCase().startsWith(words) ? '' : heading('long');
  const front = {
    title: long || short || `D.C. Law ${law}`,
    'short-title': short || `D.C. Law ${law}`,
    jurisdiction: 'district-of-columbia',
    status: dates.effective ? 'effective' : 'adopted',
    version: 1,
    number: act || law,
    numbers,
    ...(Object.keys(dates).length ? { dates } : {}),
    // The Chairman who signed it as passed and the Mayor who approved it, from the template's record of who held each office.
    ...(Object.keys(officials).length ? { officials } : {}),
    language: 'en-US',
    ...(code ? { 'amends-code': code } : {}),
  };
  return `---\n${yamlStringify(front, { lineWidth: 0 })}---\n`;
}

/**
 * The act's lines as the Council's document breaks them: a sentence that runs
 * on into the next `<text>` ("… to read as" then "follows:", "approved
 * December" then "24, 1973 (87 Stat. 813; …)") is one paragraph, its words
 * joined by a space. Only where the first stops mid-sentence (a letter or a
 * comma) and the next goes on in lower case or with a number; a heading line
 * ("Short title") before a sentence stays apart.
 */
function mendBrokenLines(element: Element): Element {
  const kept: Element['children'] = [];
  let last: Element | undefined;
  for (const node of element.children) {
    if (node.type === 'text' && !node.value.trim()) {
      kept.push(node);
      continue;
    }
    if (node.type === 'element' && local(node) === 'text' && last && runsOn(textOf(last), textOf(node))) {
      last.children.push({ type: 'text', value: ' ' }, ...node.children);
      while (kept.length && kept[kept.length - 1] !== last) kept.pop();
      continue;
    }
    if (node.type === 'element') mendBrokenLines(node);
    last = node.type === 'element' && local(node) === 'text' ? node : undefined;
    kept.push(node);
  }
  element.children = kept;
  return element;
}

/** Whether a line stops mid-sentence and the next goes on with it. */
function runsOn(line: string, next: string): boolean {
  return /[\p{L},]$/u.test(line.trimEnd()) && /^[\p{Ll}\d]/u.test(next.trimStart());
}

/** One entry of the act in order: a section's file, or a title or subtitle's folder (a group), each under the group that holds it. */
type Entry =
  | { kind: 'section'; parent: number | null; id: string; front: Record<string, unknown>; body: RootContent[] }
  | { kind: 'group'; parent: number | null; slug: string; meta: { prefix: string; num: string; heading?: string } };

/** The codification markup inside quoted text, in order (not that of a quotation inside it). */
function codifyIn(include: Element): Element[] {
  return elements(include).flatMap((el) => (el.name.startsWith('codify:') ? [el] : local(el) === 'include' ? [] : codifyIn(el)));
}

function hasCodify(element: Element): boolean {
  return element.name.startsWith('codify:') || elements(element).some(hasCodify);
}

/** The blocks of a section or para: its text, its numbered paragraphs (as marker paragraphs), quoted text as block quotes. */
function convertChildren(parent: Element, out: RootContent[], ctx: LawContext): void {
  const children = elements(parent);
  // The punctuation after a quotation (<aftertext>) runs in after its closing quotation mark.
  const ranIn = new Set<Element>();
  for (const el of children) {
    if (ranIn.has(el)) continue;
    const name = local(el);
    if (el.name.startsWith('codify:')) {
      if (!ctx.options.plain) {
        const annotation = annotationOf(el);
        if (annotation) {
          out.push(annotation);
          ctx.report.annotations++;
        }
      }
      continue;
    }
    if (name === 'num' || name === 'heading' || name === 'meta' || name === 'annotations' || name === 'annotation') continue;
    if (codifiersParagraph(el, ctx)) {
      ctx.report.codifiers++;
      continue;
    }
    if (name === 'para') convertPara(el, out, ctx);
    else if (name === 'include') {
      // The markup of what the quotation adds or rewrites sits inside it; its annotation goes before it, after the sentence.
      if (!ctx.options.plain) {
        for (const codify of codifyIn(el)) {
          const annotation = annotationOf(codify);
          if (annotation) {
            out.push(annotation);
            ctx.report.annotations++;
          }
        }
      }
      const after = children[children.indexOf(el) + 1];
      const closing = after && local(after) === 'aftertext' ? textOf(after).trim() : '';
      if (closing) ranIn.add(after!);
      out.push({ type: 'blockquote', children: quotationMarks(quoted(el, ctx), closing) });
    } else out.push(...blocksOf(el, ctx.cite));
  }
}

function convertPara(para: Element, out: RootContent[], ctx: LawContext, outer = ''): void {
  const num = `${outer}${designationOf(para)}`;
  const heading = textOf(child(para, 'heading'));
  const texts = elements(para, 'text');
  const first = elements(para).find((e) => !['num', 'heading'].includes(local(e)) && !e.name.startsWith('codify:'));
  if (!heading && texts.length === 0 && first && local(first) === 'para') {
    // "(c)" with no words of its own opens its first child on its line: "(c)(1) Text", as the format writes it.
    convertPara(first, out, ctx, num);
    convertChildren({ ...para, children: para.children.filter((c) => c !== first) }, out, ctx);
    return;
  }
  const blocks = texts[0] ? blocksOf(texts[0], ctx.cite) : [];
  let lead: PhrasingContent[] = [];
  if (blocks[0]?.type === 'paragraph') lead = (blocks.shift() as Paragraph).children;
  if (heading) lead = [{ type: 'strong', children: [text(heading)] }, ...(lead.length ? [text(' ')] : []), ...lead];
  // An undesignated para with no words of its own prints nothing: what it holds follows the sentence before it.
  if (num || lead.length) out.push(paragraph([text(`${num}${num && lead.length ? ' ' : ''}`), ...lead]));
  out.push(...blocks);
  convertChildren({ ...para, children: para.children.filter((c) => c !== texts[0]) }, out, ctx);
}

/**
 * Quoted text: each paragraph with its designation, a quoted section opening
 * with "§ 16-1502. Heading.", a quoted chapter with its prefix, number and heading.
 */
function quoted(include: Element, outer: LawContext): (Paragraph | Table)[] {
  // The quotation's own markup is stated before it (convertChildren): inside, it is dropped.
  const ctx = new LawContext({ ...outer.options, plain: true }, outer.report, true);
  const out: RootContent[] = [];
  const walk = (el: Element) => {
    for (const node of elements(el)) {
      const name = local(node);
      if (node.name.startsWith('codify:') || name === 'annotations' || name === 'annotation' || name === 'num' || name === 'heading' || name === 'prefix') continue;
      if (name === 'section') {
        const heading = textOf(child(node, 'heading'));
        out.push(paragraph([text(`§ ${textOf(child(node, 'num'))}.${heading ? ` ${heading}` : ''}`)]));
        walk(node);
      } else if (name === 'container') {
        const words = [textOf(child(node, 'prefix')), textOf(child(node, 'num'))].filter(Boolean).join(' ');
        const heading = textOf(child(node, 'heading'));
        out.push(paragraph([text(`${words}${words && heading ? '. ' : ''}${heading}`)]));
        walk(node);
      } else if (name === 'para') {
        convertPara(node, out, ctx);
      } else if (name === 'include') {
        walk(node);
      } else {
        out.push(...blocksOf(node, ctx.cite));
      }
    }
  };
  walk(include);
  return out.filter((b): b is Paragraph | Table => b.type === 'paragraph' || b.type === 'table');
}

/**
 * Quoted text as the enrolled act prints it: an opening quotation mark before
 * each of its paragraphs, the closing one after its last, and the punctuation
 * that follows the quotation run in (`"(D) The parent … child;".`). The act's
 * XML leaves the marks to its printer.
 */
function quotationMarks(blocks: (Paragraph | Table)[], closing: string): (Paragraph | Table)[] {
  for (const block of blocks) if (block.type === 'paragraph') block.children.unshift(text('"'));
  const last = blocks.at(-1);
  if (last?.type === 'paragraph') last.children.push(text(`"${closing}`));
  else blocks.push(paragraph([text(`"${closing}`)]));
  return blocks;
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}
