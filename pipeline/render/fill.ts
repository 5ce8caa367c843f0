/**
 * Fill template wording ("passed at its meeting of {dates.passed}") from the
 * ordinance's metadata. Dates print in words; a missing value prints as a
 * blank line for the Clerk to complete by hand.
 */
import type { OrdinanceMeta } from '../model/metadata.js';
import type { SignatureLine } from '../template/template-schema.js';
import { formatDate } from '../text/dates.js';

export const BLANK = '____________________';

/** The value at a dotted key path of the metadata, as printed text, or undefined. */
export function metaValue(meta: OrdinanceMeta, keyPath: string): string | undefined {
  let value: unknown = meta;
  for (const key of keyPath.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null || value === '') return undefined;
  if (keyPath.startsWith('dates.') && typeof value === 'string') return formatDate(value);
  // A list (sponsors) reads as its items joined.
  if (Array.isArray(value)) return value.length ? value.map(String).join('; ') : undefined;
  return String(value);
}

/** The slots of `text` ({key.path}) with no value in the metadata. */
export function missingSlots(text: string, meta: OrdinanceMeta): string[] {
  return [...text.matchAll(/\{([a-z0-9.-]+)(\|upper)?\}/g)].map((m) => m[1]!).filter((key) => metaValue(meta, key) === undefined);
}

/** Fill `{key.path}` and `{key.path|upper}` slots of `text`; missing values become a blank. */
export function fill(text: string, meta: OrdinanceMeta): string {
  return text.replace(/\{([a-z0-9.-]+)(\|upper)?\}/g, (_, key: string, upper?: string) => {
    const value = metaValue(meta, key);
    if (value === undefined) return BLANK;
    return upper ? value.toUpperCase() : value;
  });
}

/** Whether a line the form marks `optional` is left out: a placeholder in it has no value (otherwise a blank prints for the Clerk). */
export function leftOut(line: { text: string; optional?: boolean | undefined }, meta: OrdinanceMeta): boolean {
  return line.optional === true && missingSlots(line.text, meta).length > 0;
}

/** A signature block's lines as printed: an optional line ("{officials.chairman}") is left out when a placeholder in it has no value. */
export function printedLines(lines: readonly SignatureLine[], meta: OrdinanceMeta): string[] {
  return lines.flatMap((line) => (typeof line === 'string' ? [line] : leftOut(line, meta) ? [] : [line.text]));
}
