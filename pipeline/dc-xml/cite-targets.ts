/**
 * How the D.C. Code's <cite> elements become the format's :cite annotations,
 * and the registry entries they need.
 */
import { slugify } from '../text/slug.js';

/** The registry id of the code itself, for citations of its own sections. */
export const CODE_ID = 'dc-code';

/** "D.C. Law 23-56" → "dc-law-23-56"; "Pub. L. 93-376" → "pub-l-93-376". */
export function documentId(doc: string): string {
  // The corpus has a few misspelt names ("D.C.Law 25-50", "D,C. Law 10-249"): the same law either way.
  const name = doc.replace(/^D[.,]\s?C\.\s?(Law|Act)\b/, 'D.C. $1');
  return slugify(name.replace(/\./g, '').replace(/,/g, ' '));
}

/**
 * A cite path as a pinpoint: "§24-211.02a|(c)|(6)" → "§ 24-211.02a(c)(6)";
 * "§2" → "§ 2". Paths into the code's grouping ("1|11A|III": title, chapter,
 * subchapter) stay as written.
 */
export function pinpointOf(path: string): string {
  const parts = path.split('|');
  if (!parts[0]!.startsWith('§')) return path;
  return `§ ${parts[0]!.slice(1).trim()}${parts.slice(1).join('')}`;
}

/** Where a <cite> points: a registry id and an optional pinpoint. */
export function citationTarget(attributes: { doc?: string; path?: string }): { to: string; pin: string | undefined } | null {
  // A session law's sections are sometimes marked without their "§" ("2162|(b)"): the same pinpoint.
  if (attributes.doc)
    return { to: documentId(attributes.doc), pin: attributes.path ? pinpointOf(/^\d/.test(attributes.path) ? `§${attributes.path}` : attributes.path) : undefined };
  if (attributes.path) return { to: CODE_ID, pin: pinpointOf(attributes.path) };
  return null;
}
