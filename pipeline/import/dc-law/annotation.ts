/**
 * The Council's codification markup beside an amending sentence
 * (codify:find-replace, codify:insert, codify:replace, codify:repeal,
 * codify:redesignate-para) as the format's annotation form of an instruction:
 * `::amend{op=strike section="25-374" path="(a)(2)" words="…" insert="…"}`.
 */
import type { LeafDirective } from 'mdast-util-directive';
import { attribute, child, local, textOf, type Element } from '../../dc-xml/xml.js';

/** "§25-374|(a)|(2)" → { section: "25-374", path: "(a)(2)" }; null for a path into the code's groups ("48|6A"). */
export function codifiedPath(value: string | undefined): { section: string; path: string } | null {
  if (!value?.startsWith('§')) return null;
  const [section, ...path] = value.slice(1).split('|');
  return { section: section!.trim(), path: path.filter((p) => /^\(.+\)$/.test(p)).join('') };
}

/** The annotation stating what one codify element instructs, or null for markup that instructs nothing (notes, applicability). */
export function annotationOf(el: Element): LeafDirective | null {
  const target = codifiedPath(attribute(el, 'codified:path'));
  if (!target) return null;
  const where: Record<string, string> = { section: target.section, ...(target.path ? { path: target.path } : {}) };
  const directive = (attributes: Record<string, string>): LeafDirective => ({ type: 'leafDirective', name: 'amend', attributes, children: [] });
  switch (local(el)) {
    case 'find-replace': {
      const count = attribute(el, 'count');
      return directive({
        op: 'strike',
        ...where,
        words: textOf(child(el, 'find')),
        insert: textOf(child(el, 'replace')),
        ...(count && count !== '1' ? { occurrence: 'every' } : {}),
      });
    }
    case 'insert': {
      const designation = target.path.match(/\([^()]+\)$/)?.[0] ?? target.section;
      const parent = target.path.slice(0, target.path.length - (target.path ? designation.length : 0));
      return directive({
        op: 'add',
        section: target.path ? target.section : designation,
        ...(parent ? { path: parent } : {}),
        designation,
        ...(attribute(el, 'after') ? { after: attribute(el, 'after')! } : {}),
      });
    }
    case 'replace':
      return directive({ op: 'rewrite', ...where });
    case 'repeal':
      return directive({ op: 'repeal', ...where });
    case 'redesignate-para':
      return directive({ op: 'redesignate', ...where, from: '', to: attribute(el, 'num-value') ?? '' });
    default:
      return null;
  }
}
