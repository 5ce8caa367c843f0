/**
 * Summarize: the plain-language digest of an ordinance, in the manner of
 * California's Legislative Counsel's Digest ("Existing law …", then what this
 * ordinance does), built from the sources on every build:
 *
 * - the drafters' section summaries (`summary:`), in order, each linked to its
 *   section in the PDF;
 * - for each directive the ordinance codifies, amends or supersedes, the
 *   registry's own digest, with its date and source;
 * - who is affected, the key dates, the relations and a Digest Key (vote
 *   required, urgency, fiscal effect) from the metadata, the jurisdiction's
 *   template and the cross-references.
 *
 * Every sentence is either a drafter's words or generated from those facts:
 * the digest never states what the sources do not hold. It is written through
 * remark-stringify (summary.md), scored for readability (summary.json), and
 * rendered as a tagged PDF (render/pdf/digest.ts).
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { Type, type Static } from 'typebox';
import { unified } from 'unified';
import type { Ordinance, Section } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import { addDays, formatDate } from '../text/dates.js';
import type { Jurisdiction, Vocabulary } from '../template/template-schema.js';
import { amendedSectionDestination, COMPARATIVE_PRINT } from '../render/pdf/destinations.js';
import { titleCase } from '../text/title-case.js';
import { sectionDestination } from '../render/pdf/inline.js';
import { relationWords, sectionList, type DirectiveRelation } from '../xref/relations.js';
import { ReadabilitySchema, score } from '../prose/readability.js';
import { residentProse } from '../prose/resident-prose.js';
import { numberName, sectionName } from '../template/vocabulary.js';
import { placeholdersSaid } from '../text/placeholders.js';

/** The status in words, naming the body that passes the document ("the Council", "the Board of Supervisors"). */
function statusWords(status: string, body: string): string {
  const words: Record<string, string> = {
    draft: `Draft: not yet introduced to ${body}`,
    introduced: `Introduced: before ${body}, not yet passed`,
    adopted: `Adopted by ${body}`,
    effective: 'In effect',
  };
  return words[status] ?? status;
}

/** Sections whose summaries say why, not what: they go under "Why", not "What this ordinance does". */
const WHY_KINDS = new Set(['findings', 'purpose']);
/** Sections about the ordinance itself; the key dates and the Digest Key say what they do. */
const FORMAL_KINDS = new Set(['severability', 'urgency', 'effective-date', 'certification']);

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const link = (url: string, value: string): PhrasingContent => ({ type: 'link', url, children: [text(value)] });
const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });
const heading = (depth: 1 | 2, value: string): RootContent => ({ type: 'heading', depth, children: [text(value)] });
const item = (...children: PhrasingContent[]): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] });
const list = (items: ListItem[], ordered = false): List => ({ type: 'list', ordered, spread: false, children: items });
/** A bold label and its text; the space stays outside the bold so the Markdown stays plain. */
const labelled = (label: string, ...value: PhrasingContent[]): ListItem => item(strong(label), text(' '), ...value);

/** summary.json: the readability scores of the digest. */
export const DigestScoresSchema = Type.Object(
  {
    ordinance: Type.String({ description: "The ordinance's slug" }),
    version: Type.Integer(),
    status: Type.String(),
    targets: Type.Object(
      { readingEase: Type.Number(), grade: Type.Number(), minWords: Type.Integer() },
      { additionalProperties: false, description: "The jurisdiction's readability targets" },
    ),
    whole: Type.Union(
      [
        Type.Object(
          {
            ...ReadabilitySchema.properties,
            scored: Type.Boolean({ description: 'Whether there are words enough to score' }),
            meetsTargets: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether the scores meet the targets (null: not scored)' }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: "The drafters' summaries together; null when there are none" },
    ),
    sections: Type.Array(
      Type.Object({ id: Type.String(), label: Type.String(), summary: Type.String(), scores: Type.Union([ReadabilitySchema, Type.Null()]) }, { additionalProperties: false }),
    ),
    existingLaw: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), scores: Type.Union([ReadabilitySchema, Type.Null()]) }, { additionalProperties: false }), {
      description: 'The existing law the digest quotes, each as printed; scored with the summaries in `whole`',
    }),
  },
  { additionalProperties: false, title: 'Digest scores', description: "The readability scores of an ordinance's digest, for CI and for the record (summary.json)." },
);

export type DigestScores = Static<typeof DigestScoresSchema>;

/** A section of the code the ordinance amends, as the digest names it: linked to the section in the comparative print. */
export interface AmendedCodeSection {
  /** The section's designation ("25-822"). */
  designation: string;
  heading: string;
}

export interface Digest {
  tree: Root;
  scores: DigestScores;
}

/**
 * The digest as an mdast tree, and its readability scores, from the resolved
 * ordinance and its relations to prior directives; `amended`, the sections of
 * the code its instructions change (named under what it does, each linked to
 * the comparative print).
 */
export function digestOf(
  ordinance: Ordinance,
  registry: DirectiveRegistry,
  relations: DirectiveRelation[],
  jurisdiction: Jurisdiction,
  targets: DigestScores['targets'],
  amended: AmendedCodeSection[] = [],
): Digest {
  const { meta } = ordinance;
  const vocabulary = jurisdiction.vocabulary;
  const sectionLabel = (section: Section) => sectionName(vocabulary, section);
  const enacted = meta.status === 'adopted' || meta.status === 'effective';
  const pdf = `${ordinance.slug}.pdf`;
  const sectionLink = (s: Section) => link(`${pdf}#${sectionDestination(s.id)}`, `${sectionLabel(s)}${s.heading ? `. ${s.heading}` : ''}`);
  const children: RootContent[] = [
    heading(1, `${meta['short-title']}: Legislative Digest`),
    // A resident reads what is not yet decided said plainly, never the drafter's placeholder.
    paragraph({ type: 'emphasis', children: [text(`${meta.number ? `${numberName(vocabulary, meta.number)}. ` : ''}${placeholdersSaid(meta.title)}`)] }),
    paragraph(strong('Status:'), text(` ${statusWords(meta.status, vocabulary.legislativeBody)} (version ${meta.version}).`)),
  ];
  // Its other numbers (a bill, a law, a register citation), by the names its template gives them.
  const numbers = Object.entries(meta.numbers ?? {}).map(([key, value]) => `${jurisdiction.numbers?.[key]?.label ?? key} ${value}`);
  if (numbers.length > 0) children.push(paragraph(strong('Also numbered:'), text(` ${numbers.join('; ')}.`)));

  const sections = ordinance.sections.filter((s) => s.summary?.trim()).map((s) => ({ id: s.id, label: sectionLabel(s), summary: s.summary!.trim(), scores: score(s.summary!) }));
  if (meta.type === 'code-title') {
    // A title of a code is law as codified, not a measure before the Council: no vote, urgency or digest of changes.
    children.push(
      paragraph(text(`${meta['short-title']} is law as codified, not a measure before ${vocabulary.legislativeBody}. Its sections carry no plain-language summaries.`)),
    );
    return { tree: { type: 'root', children }, scores: { ordinance: ordinance.slug, version: meta.version, status: meta.status, targets, whole: null, sections, existingLaw: [] } };
  }

  // Existing law: the registry's digest of each directive this ordinance builds on or replaces.
  const changed = relations.filter((r) => r.relations.some((x) => x !== 'cites'));
  const prose = residentProse(ordinance, relations);
  if (changed.length > 0) {
    children.push(heading(2, enacted ? 'What the law said before' : 'What the law says now'));
    children.push(
      list(
        prose.quoted.map(({ directive, name, words }) => {
          const source = directive.meta.source ? [text(' ('), link(directive.meta.source, 'source'), text(')')] : [];
          return item(strong(name), text(words), ...source);
        }),
      ),
    );
  }

  const summarized = ordinance.sections.filter((s) => s.summary?.trim());
  const acting = summarized.filter((s) => !WHY_KINDS.has(s.kind) && !FORMAL_KINDS.has(s.kind));
  if (acting.length > 0 || amended.length > 0) {
    children.push(heading(2, enacted ? `What this ${vocabulary.document} does` : `What this ${vocabulary.document} would do`));
    if (acting.length > 0) children.push(list(acting.map((s) => item(sectionLink(s), text(`: ${s.summary!.trim()}`)))));
  }
  if (amended.length > 0) {
    const code = jurisdiction.codeName ? `the ${titleCase(jurisdiction.codeName)}` : 'the code';
    children.push(
      paragraph(
        text(
          `It ${enacted ? 'amends' : 'would amend'} ${amended.length === 1 ? 'this section' : 'these sections'} of ${code}. The comparative print (${COMPARATIVE_PRINT}) shows ${amended.length === 1 ? 'it' : 'each'} as it stands, with the changes marked:`,
        ),
      ),
    );
    children.push(
      list(amended.map((s) => item(link(`${COMPARATIVE_PRINT}#${amendedSectionDestination(s.designation)}`, `§ ${s.designation}. ${s.heading.replace(/\.$/, '')}`), text('.')))),
    );
  }
  const why = summarized.filter((s) => WHY_KINDS.has(s.kind));
  if (why.length > 0) {
    children.push(heading(2, 'Why'));
    children.push(list(why.map((s) => item(sectionLink(s), text(`: ${s.summary!.trim()}`)))));
  }

  if (meta.affects?.length) {
    children.push(heading(2, 'Who is affected'));
    children.push(list(meta.affects.map((who) => item(text(who)))));
  }

  const dates = meta.dates ?? {};
  const dateLabels: [keyof typeof dates, string][] = [
    ['introduced', 'Introduced'],
    ['passed', `Passed by ${vocabulary.legislativeBody}`],
    ['approved', `Approved by ${vocabulary.executive}`],
    ['effective', 'Takes effect'],
  ];
  const keyDates = dateLabels.filter(([key]) => dates[key]).map(([key, label]) => labelled(`${label}:`, text(formatDate(dates[key]!))));
  // The periods that must run before it takes effect (the District's Congressional review), and the earliest date they allow.
  for (const period of jurisdiction.reviewPeriods ?? []) {
    if (meta.urgency && !period.urgency) continue;
    const from = dates[period.from];
    // The document's own period (an act amending criminal law), else the template's.
    const count = meta['review-days'] ?? period.days;
    const legislative = period.counting === 'legislative';
    const days = `${count} ${legislative ? 'legislative days' : 'calendar days'}`;
    const start = period.fromWords ?? (period.from === 'approved' ? `approval by ${vocabulary.executive}` : `passage by ${vocabulary.legislativeBody}`);
    const name = period.name.charAt(0).toUpperCase() + period.name.slice(1);
    // Legislative days are the days the body sits: no calendar date can be said for their end, only that it is no sooner than as many calendar days.
    const earliest = from ? formatDate(addDays(from, count)) : '';
    const when = !from
      ? `${days} from ${start}.`
      : legislative
        ? `${days} from ${start} (${formatDate(from)}); legislative days count only the days in session, so the period ends no sooner than ${count} calendar days would (${earliest}), on a date known only when it ends.`
        : `${days} from ${start} (${formatDate(from)}); it takes effect no sooner than ${earliest}.`;
    keyDates.push(labelled(`${name}:`, text(when)));
  }
  // The wait an urgency ordinance skips is the template's own (a regular one waits that long), never a number of days assumed here.
  const skipped = (jurisdiction.reviewPeriods ?? []).find((p) => !p.urgency);
  if (meta.urgency)
    keyDates.push(
      labelled('Urgency:', text(`it takes effect as soon as ${vocabulary.executive} signs it${skipped ? `, not ${meta['review-days'] ?? skipped.days} days later` : ''}.`)),
    );
  if (keyDates.length > 0) {
    children.push(heading(2, 'Key dates'));
    children.push(list(keyDates));
  }

  const changes: ListItem[] = changed.map((r) =>
    labelled(
      `${relationWords(r.relations)}:`,
      text(`${r.directive.meta['cited-as'][0] ?? r.directive.meta.id}${r.sections.length ? ` (${sectionList(r.sections, vocabulary)})` : ''}.`),
    ),
  );
  for (const [label, entries] of [
    ['Adds', meta.adds],
    ['Amends', meta.amends?.filter((a) => !registry.get(a))],
    ['Repeals', meta.repeals?.filter((a) => !registry.get(a))],
  ] as const) {
    for (const entry of entries ?? []) changes.push(labelled(`${label}:`, text(sentence(placeholdersSaid(entry)))));
  }
  if (changes.length > 0) {
    children.push(heading(2, 'What it codifies, amends or repeals'));
    children.push(list(changes));
  }

  // The Digest Key, as the Legislative Counsel closes a digest.
  const vote = meta.urgency ? jurisdiction.voteRequired?.urgency : jurisdiction.voteRequired?.regular;
  children.push(heading(2, 'Digest Key'));
  children.push(
    list([
      labelled('Vote required:', text(`${vote ?? 'not stated in the jurisdiction template'}.`)),
      labelled('Urgency:', text(meta.urgency ? 'yes.' : 'no.')),
      labelled('Fiscal effect:', text(sentence(fiscalEffect(ordinance, vocabulary)))),
    ]),
  );

  // Scored on all the prose a resident reads: the existing law quoted, then the summaries.
  const together = prose.scores;
  const scored = together !== null && together.words >= targets.minWords;
  const whole = together && {
    ...together,
    scored,
    meetsTargets: scored ? together.readingEase >= targets.readingEase && together.grade <= targets.grade : null,
  };
  const readAs = prose.quoted.length ? 'The existing law quoted and the section summaries' : 'The section summaries';
  if (whole) {
    children.push(heading(2, 'How readable this digest is'));
    children.push(
      paragraph(
        text(
          scored
            ? `${readAs} score ${whole.readingEase.toFixed(1)} on the Flesch Reading Ease scale and grade ${whole.grade.toFixed(1)} on the Flesch–Kincaid scale (targets: at least ${targets.readingEase}, and grade ${targets.grade} or below).`
            : `${readAs} are too short to score (${whole.words} words; scores need ${targets.minWords}).`,
        ),
      ),
    );
  }
  return {
    tree: { type: 'root', children },
    scores: {
      ordinance: ordinance.slug,
      version: meta.version,
      status: meta.status,
      targets,
      whole,
      sections,
      existingLaw: prose.quoted.map((q) => ({ id: q.directive.meta.id, text: q.text, scores: score(q.text) })),
    },
  };
}

const stringifier = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });

/** summary.md text. */
export function digestMarkdown(digest: Digest): string {
  return stringifier.stringify(digest.tree);
}

/** summary.json text: the scores, for CI and for the record. */
export function digestScores(digest: Digest): string {
  return `${JSON.stringify(digest.scores, null, 2)}\n`;
}

/** A fact as a sentence ends: a period after it, unless it ends with its own. */
function sentence(words: string): string {
  return /[.!?]["”’)]?$/.test(words.trim()) ? words.trim() : `${words.trim()}.`;
}

/** The fiscal effect as the sources state it: the `fiscal-effect` field, else the section that adopts a fiscal impact statement, else said to be unstated. */
function fiscalEffect(ordinance: Ordinance, vocabulary: Vocabulary): string {
  const stated = ordinance.meta['fiscal-effect'];
  if (stated) return stated;
  const section = ordinance.sections.find((s) => /\bfiscal (?:impact|effect)\b/i.test(s.heading));
  if (section) return `as stated in ${sectionName(vocabulary, section)} (${section.heading.replace(/[.:]$/, '')})`;
  return 'not stated in the ordinance';
}
