/**
 * The word diff every redline shows (the comparative print, `ordinance diff`):
 * jsdiff's, every space of both versions kept, joined so it reads as a
 * drafter would write the change.
 */
import { diffWordsWithSpace } from 'diff';

/** A part of a word diff: words both versions have, or words only the one before (removed) or after (added) has. */
export interface DiffPart {
  value: string;
  added?: boolean | undefined;
  removed?: boolean | undefined;
}

/** Words replaced by others: what was struck, and what is inserted in its place. */
interface Replacement {
  removed: string;
  added: string;
}

/**
 * A word diff (every space of both versions kept) that reads as a drafter
 * would write it: a word or two both versions share between two replaced
 * stretches joins them, so "Department of Consumer and Regulatory Affairs"
 * becoming "Department of Licensing and Consumer Protection" reads "((Consumer
 * and Regulatory Affairs)) Licensing and Consumer Protection", not three
 * replacements around a kept "and". Struck words come before the inserted.
 */
export function readableDiff(old: string, now: string): DiffPart[] {
  const segments: (string | Replacement)[] = [];
  for (const part of diffWordsWithSpace(old, now)) {
    const last = segments.at(-1);
    if (!part.added && !part.removed) segments.push(part.value);
    else if (typeof last === 'object') last[part.added ? 'added' : 'removed'] += part.value;
    else segments.push(part.added ? { removed: '', added: part.value } : { removed: part.value, added: '' });
  }
  const replaced = (segment: string | Replacement | undefined): segment is Replacement =>
    typeof segment === 'object' && segment.removed.trim() !== '' && segment.added.trim() !== '';
  for (let i = 1; i < segments.length - 1; i++) {
    const kept = segments[i]!;
    const [before, after] = [segments[i - 1], segments[i + 1]];
    if (typeof kept !== 'string' || !replaced(before) || !replaced(after) || (kept.match(/\S+/g) ?? []).length > 2) continue;
    before.removed += kept + after.removed;
    before.added += kept + after.added;
    segments.splice(i, 2);
    i--;
  }
  return segments.flatMap((segment): DiffPart[] =>
    typeof segment === 'string'
      ? [{ value: segment }]
      : [...(segment.removed ? [{ value: segment.removed, removed: true }] : []), ...(segment.added ? [{ value: segment.added, added: true }] : [])],
  );
}

/**
 * The space printed between a struck stretch and an inserted one that meet
 * (either first): none where white space is already there, or where the
 * second opens with punctuation that takes the place of the first's
 * ("felony((.)); or", as the law prints it); else one, so the two never run
 * together. The PDF and the Markdown report print by this one rule.
 */
export function spaceBetweenMarks(first: string, second: string): string {
  return /\s$/.test(first) || /^\s/.test(second) || /^[.,;:!?)\]]/.test(second) ? '' : ' ';
}
