/**
 * Slugs: the lower-case, hyphenated, accent-free form of a term or heading,
 * used for ids and folder names.
 */

/** Slug of a term or heading, for ids ("City Agency" → "city-agency"). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
