/**
 * Markdown written by others (a registry entry's body, the digest) as HTML
 * for the site: remark-parse and remark-gfm, then remark-rehype (which drops
 * raw HTML: a `<script>` in the body is shown as the text it is), then one pass that
 * keeps only the links that may be live (http, https, mailto, or a file of
 * the page's own folder) and puts headings under the page's own.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { liveHref } from './links.js';

export interface MarkdownOptions {
  /** The heading level a `#` heading of the Markdown becomes (deeper ones follow it), so it nests under the page's own. */
  topLevel: number;
  /** Files of the page's folder a relative link may go to (a link to any other place is shown as text). */
  localFiles?: ReadonlySet<string>;
}

/** HTML written in the Markdown is text to show, never markup: `<script>` reads as "<script>". */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const text = { type: 'text' as const, value: node.value };
      // Block HTML stands where a paragraph would: it becomes one.
      const inBlock = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem';
      parent.children.splice(index, 1, (inBlock ? { type: 'paragraph', children: [text] } : text) as never);
    });
  };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkHtmlAsText).use(remarkRehype).freeze();

/** `markdown` as hast nodes to put in a page. */
export function markdownToHast(markdown: string, options: MarkdownOptions): ElementContent[] {
  const tree = processor.runSync(processor.parse(markdown) as MdastRoot) as HastRoot;
  const shift = options.topLevel - 1;
  const walk = (nodes: HastRoot['children'] | Element['children']): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'doctype' || node.type === 'comment') return [];
      if (node.type !== 'element') return node.type === 'text' ? [node] : [];
      const children = walk(node.children);
      const level = /^h([1-6])$/.exec(node.tagName);
      if (level) return [{ ...node, tagName: `h${Math.min(6, Number(level[1]) + shift)}`, children }];
      if (node.tagName === 'img') return [{ type: 'text', value: typeof node.properties.alt === 'string' && node.properties.alt ? `[Image: ${node.properties.alt}]` : '[Image]' }];
      if (node.tagName === 'a') {
        const href = linkTarget(String(node.properties.href ?? ''), options.localFiles);
        return href ? [{ ...node, properties: { href }, children }] : [{ type: 'element', tagName: 'span', properties: {}, children }];
      }
      // Footnote machinery and ids remark-rehype gives would clash between two bodies on one page.
      const { id: _id, ...properties } = node.properties;
      return [{ ...node, properties, children }];
    });
  return walk(tree.children);
}

/** A link that may stay live: http, https, mailto, or a file of the page's folder (with its fragment). */
function linkTarget(href: string, localFiles: ReadonlySet<string> | undefined): string | null {
  const live = liveHref(href);
  if (live) return live;
  const file = href.split('#')[0]!;
  if (!localFiles || !/^[^/\\:?%]+$/.test(file)) return null;
  return localFiles.has(file) ? href : null;
}
