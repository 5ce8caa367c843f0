/**
 * Citations written as prose become citations in the model: each text run of
 * the sections (and of their notes) goes through the jurisdiction's citation
 * grammar, and what it finds replaces that stretch of text with a `Citation`
 * (or, for "Section 3(b)" in an ordinance, a `SectionReference`), carrying its
 * exact source position. Rendering then links it like an annotated one, and
 * the rules check it like one.
 */
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { compileGrammar, detectCitations, type DetectedCitation, type RegistryForms } from '../cite/detect.js';
import type { CitationContext, CitationGrammar } from '../grammar/citations.js';
import type { Citation, Inline, Ordinance, Section, SectionReference } from '../model/types.js';
import { SKIP, visitOrdinance, type TextNode } from '../model/visit.js';
import { readSectionHeading, textFiles } from '../model/quoted-law.js';
import { inlineText, WRITTEN } from '../model/inline-text.js';
import { checksum } from '../text/checksum.js';
import type { DirectiveRegistry } from '../registry/registry.js';

const formsOf = new WeakMap<DirectiveRegistry, RegistryForms>();

/** The registry's citation forms, for detection. */
export function registryForms(registry: DirectiveRegistry): RegistryForms {
  let forms = formsOf.get(registry);
  if (!forms) {
    forms = { forms: registry.all().flatMap((d) => d.meta['cited-as'].map((form) => ({ id: d.meta.id, form }))) };
    formsOf.set(registry, forms);
  }
  return forms;
}

/**
 * Offsets in a text node's value mapped to offsets in its source: the same
 * unless the source escapes characters ("\[", "&amp;").
 */
function offsetMap(value: string, source: string): (offset: number) => number {
  if (value === source) return (offset) => offset;
  const map: number[] = [];
  let s = 0;
  for (let v = 0; v < value.length; v++) {
    // Skip what the source spends on escaping before the character it stands for.
    if (source[s] === '\\' && source[s + 1] === value[v]) s++;
    else if (source[s] === '&' && source[s] !== value[v]) {
      const end = source.indexOf(';', s);
      if (end > s && end - s < 12) {
        map.push(s);
        s = end + 1;
        continue;
      }
    }
    map.push(s);
    s++;
  }
  map.push(Math.min(s, source.length));
  return (offset) => map[Math.min(offset, map.length - 1)]!;
}

/** The nodes detection put into one file's model: the citations and section references it found there. */
export interface DetectedNodes {
  citations: Citation[];
  references: SectionReference[];
}

/** Where a text node stands, and what the walk has found so far in its file. */
interface Walk {
  file: VFile;
  section: Section | null;
  context: CitationContext;
  found: DetectedNodes;
}

/** The text node split around `detections` (found in it), or undefined if there are none. */
function splitAround(node: TextNode, detections: DetectedCitation[], walk: Walk, sectionsByNumber: Map<string, Section>): Inline[] | undefined {
  if (detections.length === 0 || node.position?.start.offset === undefined || node.position.end.offset === undefined) return undefined;
  const out: Inline[] = [];
  const base = node.position.start.offset;
  const toSource = offsetMap(node.value, String(walk.file.value).slice(base, node.position.end.offset));
  const at = locator(walk.file);
  const position = (start: number, end: number): Position => ({
    start: at.toPoint(base + toSource(start)) as Position['start'],
    end: at.toPoint(base + toSource(end)) as Position['end'],
  });
  let cursor = 0;
  for (const detection of detections) {
    if (detection.start > cursor) out.push({ type: 'text', value: node.value.slice(cursor, detection.start), position: position(cursor, detection.start) });
    const text: Inline = { type: 'text', value: detection.text, position: position(detection.start, detection.end) };
    out.push(toModel(detection, text, walk, sectionsByNumber));
    cursor = detection.end;
  }
  if (cursor < node.value.length) out.push({ type: 'text', value: node.value.slice(cursor), position: position(cursor, node.value.length) });
  return out;
}

function toModel(detection: DetectedCitation, text: Inline & { type: 'text' }, walk: Walk, sectionsByNumber: Map<string, Section>): Inline {
  const source = { file: walk.file, position: text.position };
  const sectionId = walk.section?.id ?? '';
  if (detection.category === 'section') {
    const target = sectionsByNumber.get(detection.target);
    // An ordinance numbers its sections 1, 2, 3: "section 4a" or "section 2a(c)(6)" that it does not hold is another act's.
    if (!target && !/^\d+$/.test(detection.target)) return text;
    const reference: SectionReference = {
      type: 'sectionRef',
      targetId: target?.id ?? '',
      pinpoint: detection.pinpoint,
      source,
      sectionId,
      written: detection.text,
    };
    walk.found.references.push(reference);
    return reference;
  }
  const citation: Citation = {
    type: 'citation',
    directiveId: detection.target,
    pinpoint: detection.pinpoint,
    children: [text],
    source,
    sectionId,
    detected: detection.category,
    written: detection.unknownForm ? detection.text : undefined,
  };
  if (detection.candidates) citation.candidates = detection.candidates;
  walk.found.citations.push(citation);
  return citation;
}

const locators = new WeakMap<VFile, ReturnType<typeof location>>();
function locator(file: VFile): ReturnType<typeof location> {
  let at = locators.get(file);
  if (!at) {
    at = location(file);
    locators.set(file, at);
  }
  return at;
}

/**
 * Whether a section amends another act: its first paragraph ends "… is amended as follows:" and is not about
 * this act ("Sec. 2. The Revised Uniform Law on Notarial Acts Act of 2018, … is amended as follows:").
 */
function amendsAnotherAct(section: Section): boolean {
  const first = section.blocks[0];
  if (first?.type !== 'paragraph') return false;
  const lead = first.children.map((n) => (n.type === 'text' ? n.value : '')).join('');
  return /\b(?:is|are)\s+amended\s+as\s+follows:\s*$/.test(lead) && !/\bthis\s+(?:act|ordinance)\b/i.test(lead);
}

/** What detection found in one file: for each text run (by its index in walk order) that holds citations, the citations. */
export type FileDetections = [number, DetectedCitation[]][];

/**
 * Remembers what detection found in a file, under a key that holds all it
 * depends on besides the file's words (see `DetectionCache`).
 */
export interface DetectionMemo {
  get(file: VFile, key: string): FileDetections | null;
  set(file: VFile, key: string, detections: FileDetections): void;
  /**
   * The nodes an earlier run put into this file's model, when the model
   * handed in is that run's (a language server's, kept between keystrokes:
   * the file's text was split around them then, and is not walked again);
   * null when the file is to be walked.
   */
  settled?(file: VFile): DetectedNodes | null;
  /** What this run put into the model of a file it walked (none, often). */
  detected?(file: VFile, nodes: DetectedNodes): void;
}

/** One file's runs as the walk meets them: detected afresh, or answered from the memo. */
interface FileRuns {
  key: string;
  next: number;
  remembered: Map<number, DetectedCitation[]> | null;
  found: FileDetections;
}

const grammarKeys = new WeakMap<object, string>();

/** A key for a compiled grammar (the jurisdiction's grammar with the registry's forms): what detection depends on besides the text and its context. */
function grammarKey(grammar: CitationGrammar, forms: RegistryForms, compiled: object): string {
  let key = grammarKeys.get(compiled);
  if (key === undefined) {
    key = checksum(JSON.stringify(grammar), JSON.stringify(forms.forms));
    grammarKeys.set(compiled, key);
  }
  return key;
}

/** Find the citations written as prose in `ordinance` and add them to its model, in document order. */
export function detectProseCitations(ordinance: Ordinance, registry: DirectiveRegistry, grammar: CitationGrammar | undefined, memo?: DetectionMemo | null): Ordinance {
  const forms = registryForms(registry);
  const compiled = compileGrammar(grammar ?? {}, forms);
  const grammarId = memo ? grammarKey(grammar ?? {}, forms, compiled) : '';
  const runs = new Map<VFile, FileRuns>();
  const detect = (node: TextNode, file: VFile, context: CitationContext): DetectedCitation[] => {
    if (!memo) return detectCitations(node.value, compiled, context);
    let entry = runs.get(file);
    if (!entry) {
      const key = `${grammarId}\0${JSON.stringify(context)}`;
      const remembered = memo.get(file, key);
      entry = { key, next: 0, remembered: remembered && new Map(remembered), found: [] };
      runs.set(file, entry);
    }
    const index = entry.next++;
    if (entry.remembered) return entry.remembered.get(index) ?? [];
    const detections = detectCitations(node.value, compiled, context);
    if (detections.length > 0) entry.found.push([index, detections]);
    return detections;
  };
  const isCode = ordinance.meta.type === 'code-title';
  const sectionsByNumber = new Map(isCode ? [] : ordinance.sections.map((s) => [String(s.number), s]));
  // Files whose model already holds what an earlier run found there are not walked; their nodes join the new ones.
  const settled = new Map<VFile, DetectedNodes>();
  if (memo?.settled) {
    for (const file of textFiles(ordinance)) {
      const nodes = memo.settled(file);
      if (nodes) settled.set(file, nodes);
    }
  }
  const found = new Map<VFile, DetectedNodes>();
  const foundIn = (file: VFile): DetectedNodes => {
    let nodes = found.get(file);
    if (!nodes) {
      nodes = { citations: [], references: [] };
      found.set(file, nodes);
    }
    return nodes;
  };
  // A code title cites its own sections by designation ("§ 24-211.07"), never as "section 7", titled or not.
  const own = { title: isCode ? ordinance.meta.designation : undefined, ownNumber: ordinance.meta.number, ownSections: !isCode };
  const contexts = new Map<Section, CitationContext>();
  const quotedContexts = new Map<Section, CitationContext>();
  const contextOf = (section: Section | null, quoted: boolean): CitationContext => {
    if (!section) return own;
    let context = contexts.get(section);
    if (!context) {
      context = { ...own, groups: section.groups.map((g) => ({ prefix: g.prefix, num: g.num })), amending: !isCode && amendsAnotherAct(section) };
      contexts.set(section, context);
    }
    if (!quoted) return context;
    // Quoted law's "Section 7" is the law's own section (the act or code it amends), never one of this document's.
    let inQuote = quotedContexts.get(section);
    if (!inQuote) {
      inQuote = { ...context, ownSections: false };
      quotedContexts.set(section, inQuote);
    }
    return inQuote;
  };
  visitOrdinance(
    ordinance,
    {
      section: (section) => {
        if (settled.size > 0 && settled.has(section.file) && section.quoted.every((q) => settled.has(q.file))) return SKIP;
        // What the memo remembers of a section's file (under the key its first words are read with): a file in which
        // nothing was found is not walked again; the others are walked with what is remembered.
        if (!memo || section.quoted.length > 0 || settled.has(section.file) || runs.has(section.file)) return undefined;
        const key = `${grammarId}\0${JSON.stringify(contextOf(section, false))}`;
        const remembered = memo.get(section.file, key);
        if (!remembered) return undefined;
        if (remembered.length === 0) return SKIP;
        runs.set(section.file, { key, next: 0, remembered: new Map(remembered), found: [] });
        return undefined;
      },
      // A quoted section's heading line ("SEC. 12H.1. HEADING."), or one printed in bold in the code text an ordinance revises
      // in place (San Francisco's form), names the section it is, citing nothing.
      block: (block) => (block.type === 'paragraph' && (block.sectionHeading !== undefined || isBoldHeadingLine(block.children)) ? SKIP : undefined),
      // Links, citations and term definitions keep their words as written.
      inline: (node) => (node.type === 'link' || node.type === 'term' || node.type === 'citation' ? SKIP : undefined),
      text: (node, at) => {
        if (settled.has(at.file!)) return undefined;
        const quoted = at.blocks.some((b) => b.type === 'blockquote');
        const walk = { file: at.file!, section: at.section, context: contextOf(at.section, quoted), found: foundIn(at.file!) };
        return splitAround(node, detect(node, walk.file, walk.context), walk, sectionsByNumber);
      },
    },
    // The sections' notes (history, editor's notes) cite too.
    { annotations: true, heldTextOnly: true },
  );
  for (const [file, entry] of runs) if (!entry.remembered) memo!.set(file, entry.key, entry.found);
  const files = textFiles(ordinance);
  if (memo?.detected) for (const file of files) if (!settled.has(file)) memo.detected(file, found.get(file) ?? { citations: [], references: [] });
  const fileOrder = new Map<VFile, number>(files.map((file, i) => [file, i]));
  const added = [...settled.values(), ...found.values()];
  const citations = added.flatMap((nodes) => nodes.citations);
  const references = added.flatMap((nodes) => nodes.references);
  if (citations.length) ordinance.citations = inDocumentOrder([...ordinance.citations, ...citations], fileOrder);
  if (references.length) ordinance.references = inDocumentOrder([...ordinance.references, ...references], fileOrder);
  return ordinance;
}

/** Sort by file (in the ordinance's order) then offset; the sort is stable for equal places. */
function inDocumentOrder<T extends { source: { file: VFile; position: Position | undefined } }>(items: T[], fileOrder: Map<VFile, number>): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.item.source.file) ?? 0) - (fileOrder.get(b.item.source.file) ?? 0) ||
        (a.item.source.position?.start.offset ?? 0) - (b.item.source.position?.start.offset ?? 0) ||
        a.index - b.index,
    )
    .map((x) => x.item);
}

/** A paragraph that is one bold section heading line, as a code prints a section's head: "**SEC. 12H.1. CITY AND COUNTY OF REFUGE.**". */
function isBoldHeadingLine(children: readonly Inline[]): boolean {
  const only = children.length === 1 ? children[0] : undefined;
  if (only?.type !== 'strong') return false;
  const heading = readSectionHeading(inlineText(only.children, WRITTEN).trim());
  return heading !== null && heading.heading !== '';
}
