/**
 * What may be a live link on the site: http, https and mailto only, the same
 * rule as the PDF's. Anything else (javascript:, data:, file:, a relative
 * path that would dangle) is shown as text.
 */

/** `url` when it may be a live link on the site, else null. */
export function liveHref(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^(?:https?:\/\/|mailto:)\S+$/i.test(url) ? url : null;
}

/** A file or folder name for a page: the id as is when it is a plain name, else a name that cannot leave its folder. */
export function pageName(id: string): string {
  return /^[a-z0-9][a-z0-9._-]*$/i.test(id) && !id.includes('..') ? id : encodeURIComponent(id).replace(/[.%]/g, '_');
}

/** "s-prohibitions": the anchor of a section on its ordinance's page. */
export function sectionAnchor(sectionId: string): string {
  return `s-${sectionId}`;
}

/** "s-prohibitions-b-1": the anchor of subdivision (b)(1) of a section. */
export function subdivisionAnchor(sectionId: string, path: string): string {
  return `${sectionAnchor(sectionId)}-${path.slice(1, -1).split(')(').join('-')}`;
}
