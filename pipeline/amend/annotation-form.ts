/**
 * The annotation form of an amending instruction: `::amend{…}` after the
 * sentence it states explicitly, for prose the grammar cannot read. It gives
 * the same model as the prose (instruction.ts); the text an `add` or `rewrite`
 * brings is the block quote after the sentence, as in the prose form.
 *
 *   ::amend{op=strike section="25-374" path="(a)(2)" words="X" insert="Y" occurrence=every}
 *   ::amend{op=insert section="25-374" words="X" at=after anchor="Y"}
 *   ::amend{op=add section="23-1321" designation="(d)"}
 *   ::amend{op=rewrite section="24-211.07" path="(b)"}
 *   ::amend{op=repeal section="24-211.06"}
 *   ::amend{op=redesignate section="7-2051" path="(g)" from="" to="(1)"}
 */
import type { AmendmentOperation, AmendmentTarget, Occurrence } from './instruction.js';
import { splitQuotedText } from './quoted.js';

/** One `::amend` as the model holds it (a section's annotation of type `amend`). */
export interface AmendAttributes {
  [key: string]: string | undefined;
}

/** "(a)(2)" → ["(a)", "(2)"]. */
function pathOf(value: string | undefined): string[] {
  return value?.match(/\([^()]+\)/g) ?? [];
}

function occurrenceOf(value: string | undefined, fallback: Occurrence): Occurrence {
  if (value === undefined || value === '') return fallback;
  if (value === 'every') return { kind: 'every' };
  if (value === 'last') return { kind: 'last' };
  if (value === 'only') return { kind: 'only' };
  if (/^[1-9][0-9]*$/.test(value)) return { kind: 'nth', n: Number(value) };
  return fallback;
}

/**
 * Read the `::amend` annotations that state one sentence's instructions; `quote`
 * is the text of the block quote after the sentence. Returns the instructions,
 * or what an annotation lacks.
 */
export function readAnnotations(annotations: AmendAttributes[], quote: string | undefined): { target: AmendmentTarget; op: AmendmentOperation }[] | string {
  const out: { target: AmendmentTarget; op: AmendmentOperation }[] = [];
  const adds = annotations.filter((a) => a.op === 'add');
  for (const a of annotations) {
    const section = a.section ?? '';
    const part = a.part === 'text' || a.part === 'heading' ? a.part : undefined;
    const target: AmendmentTarget = { section, path: pathOf(a.path), ...(part ? { part } : {}) };
    switch (a.op) {
      case 'strike':
        if (!a.words) return '`words`: the words struck';
        out.push({
          target,
          op: { op: 'strike', words: a.words, occurrence: occurrenceOf(a.occurrence, { kind: 'only' }), ...(a.insert !== undefined ? { insert: a.insert } : {}) },
        });
        break;
      case 'insert': {
        if (!a.words) return '`words`: the words inserted';
        const at = a.at === 'before' || a.at === 'after' ? a.at : a.at === 'beginning' ? 'beginning' : a.at === 'end' ? 'end' : undefined;
        if (!at) return '`at`: before, after, beginning or end';
        if ((at === 'before' || at === 'after') && !a.anchor) return '`anchor`: the words the insertion goes before or after';
        out.push({
          target,
          op: {
            op: 'insert',
            words: a.words,
            at: at === 'before' || at === 'after' ? { kind: at, anchor: a.anchor!, occurrence: occurrenceOf(a.occurrence, { kind: 'only' }) } : { kind: at },
          },
        });
        break;
      }
      case 'add':
        // Several added in one sentence share its quote: one instruction, as the prose form gives.
        if (a !== adds[0]) break;
        if (quote === undefined) return 'the new text as a block quote after the sentence';
        out.push(...addsOf(adds, quote));
        break;
      case 'rewrite': {
        if (quote === undefined) return 'the new text as a block quote after the sentence';
        const rewrites = annotations.filter((r) => r.op === 'rewrite');
        const texts = rewrites.length === 1 ? [quote] : splitQuotedText(quote);
        const text = texts[rewrites.indexOf(a)];
        if (text === undefined) return `the new text of ${rewrites.length} subdivisions, each beginning with its designation`;
        out.push({ target, op: { op: 'rewrite', text } });
        break;
      }
      case 'repeal':
        out.push({ target, op: { op: 'repeal' } });
        break;
      case 'redesignate': {
        const from = (a.from ?? '').split(/\s*,\s*/);
        const to = (a.to ?? '').split(/\s*,\s*/).filter(Boolean);
        if (to.length === 0 || to.length !== from.length) return '`from` and `to`: as many new designations as old ones, separated by commas';
        out.push({ target, op: { op: 'redesignate', from, to } });
        break;
      }
      default:
        return '`op`: strike, insert, add, rewrite, repeal or redesignate';
    }
  }
  return out;
}

/** New subdivisions of one section (one instruction), or new sections (one each, their text split at each "§ …" heading). */
function addsOf(adds: AmendAttributes[], quote: string): { target: AmendmentTarget; op: AmendmentOperation }[] {
  const first = adds[0]!;
  if (first.designation?.startsWith('(')) {
    return [
      {
        target: { section: first.section ?? '', path: pathOf(first.path) },
        op: { op: 'add', text: quote, designations: adds.map((a) => a.designation ?? ''), ...(first.after ? { after: first.after } : {}) },
      },
    ];
  }
  const pieces = quote.split(/\n\s*\n(?=\**(?:§|Sec\.|Section)\s*[0-9])/iu);
  return adds.map((a, i) => ({
    target: { section: a.section ?? '', path: [] },
    op: { op: 'add', text: (adds.length === 1 ? quote : (pieces[i] ?? '')).trim(), designations: [a.designation ?? a.section ?? ''] },
  }));
}
