/**
 * What each link goes to, in words: the /Contents of its annotation, which a
 * screen reader announces with the link ("Section 3. Definitions"; "8 U.S.C.
 * § 1325: Improper entry by alien, https://…").
 */
import type { PdfContext } from './context.js';

/** Where a link goes: a web address or a named destination of this document. */
export interface LinkTarget {
  link?: string | null;
  goTo?: string | null;
}

/** The description of `target`, from the names the document registered for its destinations and addresses; `text` is the linked text. */
export function linkDescription(ctx: PdfContext, target: LinkTarget, text: string): string {
  if (target.goTo) {
    const named = ctx.linkTargets.get(target.goTo);
    if (named) return named;
    // A subdivision's destination ("section-records/b/1"): its section's title and the subdivision's path.
    const [section, ...levels] = target.goTo.split('/');
    const title = levels.length ? ctx.linkTargets.get(section!) : undefined;
    return title ? `${title}, subdivision ${levels.map((l) => `(${l})`).join('')}` : text;
  }
  if (target.link) return `${ctx.linkTargets.get(target.link) ?? text}, ${target.link}`;
  return text;
}
