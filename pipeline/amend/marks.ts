/**
 * The Board's marks in new text (San Francisco's form): additions `:ins[…]`
 * and deletions `:del[…]`, resolved into the text as it will read.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';

/** Whether inline content holds the Board's marks (`:ins`, `:del`). */
export function marked(children: readonly PhrasingContent[]): boolean {
  return children.some((c) => (c.type === 'textDirective' && (c.name === 'ins' || c.name === 'del')) || ('children' in c && marked(c.children as PhrasingContent[])));
}

/**
 * Which text marked new text stands for: the law as it will read (`after`:
 * additions kept, deletions dropped) or as it reads now (`before`: the
 * reverse), which must be the law the ordinance amends.
 */
export type Reading = 'after' | 'before';

/** The inline content as it reads after its changes (or before them): the marks' own words kept as plain content. */
export function resolveInline(children: readonly PhrasingContent[], reading: Reading = 'after'): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const dropped = reading === 'after' ? 'del' : 'ins';
  const kept = reading === 'after' ? 'ins' : 'del';
  for (const child of children) {
    if (child.type === 'textDirective' && child.name === dropped) continue;
    if (child.type === 'textDirective' && child.name === kept) out.push(...resolveInline(child.children, reading));
    else if ('children' in child) out.push({ ...child, children: resolveInline(child.children as PhrasingContent[], reading) } as PhrasingContent);
    else out.push(child);
  }
  // A deletion between two spaces leaves one space: "the :del[old] rule" reads "the rule".
  const merged: PhrasingContent[] = [];
  for (const node of out) {
    const last = merged[merged.length - 1];
    if (node.type === 'text' && last?.type === 'text') merged[merged.length - 1] = { type: 'text', value: last.value + node.value };
    else merged.push(node);
  }
  return merged.map((n) => (n.type === 'text' ? { ...n, value: n.value.replace(/ {2,}/g, ' ') } : n)).filter((n) => n.type !== 'text' || n.value !== '');
}

/** A parsed text with its marks resolved in place: each paragraph as it reads after the changes (or before them); a paragraph all of whose words are another reading's is gone. */
export function resolveMarksInTree(tree: Root, reading: Reading = 'after'): Root {
  const visit = (node: RootContent): RootContent[] => {
    if (node.type === 'paragraph' && marked(node.children)) {
      const children = resolveInline(node.children, reading);
      return children.length === 0 ||
        (children.every((c) => c.type === 'text') &&
          children
            .map((c) => (c as { value: string }).value)
            .join('')
            .trim() === '')
        ? []
        : [{ ...node, children }];
    }
    if ('children' in node && node.type !== 'paragraph') return [{ ...node, children: (node.children as RootContent[]).flatMap(visit) } as RootContent];
    return [node];
  };
  return { ...tree, children: tree.children.flatMap(visit) };
}

/** Whether Markdown carries the Board's marks. */
export function hasMarkup(text: string): boolean {
  return /:(?:ins|del)\[/.test(text);
}
