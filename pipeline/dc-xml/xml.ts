/** Small helpers over xast for the D.C. Code's XML. */
import type { Element, ElementContent, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';

export type { Element, ElementContent };

/** Parse an XML document (`name` says where it is from, for the error); returns its root element. */
export function parseXml(bytes: string | Uint8Array, name: string): Element {
  let tree: Root;
  try {
    tree = fromXml(bytes);
  } catch (error) {
    // The parser's own reason, at its line and column ("Missing end tag for element b"), not the wrapper's.
    const { line, column, cause } = error as { line?: number; column?: number; cause?: { message?: string } };
    const reason = (cause?.message ?? (error as Error).message).split('\n')[0]!.replace(/\s*\(line \d+, column \d+\)$/, '');
    throw new Error(`${name}${line ? `:${line}:${column ?? 1}` : ''}: ${reason}`);
  }
  const root = tree.children.find((c): c is Element => c.type === 'element');
  if (!root) throw new Error(`${name}: no root element`);
  return root;
}

/** An element's name without its namespace prefix ("codify:insert" → "insert"). */
export function local(element: Element): string {
  const name = element.name;
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** The element children of `element`, optionally only those named `name`. */
export function elements(element: Element, name?: string): Element[] {
  return element.children.filter((c): c is Element => c.type === 'element' && (name === undefined || local(c) === name));
}

export function child(element: Element, name: string): Element | undefined {
  return elements(element, name)[0];
}

/** All text below `element`, white space collapsed. */
export function textOf(element: Element | undefined): string {
  if (!element) return '';
  let out = '';
  const walk = (node: ElementContent) => {
    if (node.type === 'text' || node.type === 'cdata') out += node.value;
    else if (node.type === 'element') node.children.forEach(walk);
  };
  element.children.forEach(walk);
  return collapse(out);
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The designation a para prints: its `<num>`, or nothing when the Council marks
 * it undesignated (`<num undesignated="true">(a)</num>` addresses a para the
 * law prints without a number: "For the purposes of this chapter, the term:").
 */
export function designationOf(para: Element): string {
  return isUndesignated(para) ? '' : textOf(child(para, 'num'));
}

/** Whether the Council marks a para undesignated (its `<num>` addresses it, the law prints none). */
export function isUndesignated(para: Element): boolean {
  const num = child(para, 'num');
  return num !== undefined && attribute(num, 'undesignated') === 'true';
}

/** An attribute by local name ("codified:path" answers to "path" only when no plain one exists). */
export function attribute(element: Element, name: string): string | undefined {
  const value = element.attributes[name];
  return value === undefined || value === null ? undefined : String(value);
}
