import type { Block, Inline } from '../../model/types.js';
import type { Rule } from '../rule.js';

function* links(blocks: Block[]): Generator<Extract<Inline, { type: 'link' }>> {
  const inline = function* (nodes: Inline[]): Generator<Extract<Inline, { type: 'link' }>> {
    for (const node of nodes) {
      if (node.type === 'link') yield node;
      if ('children' in node && Array.isArray(node.children)) yield* inline(node.children as Inline[]);
    }
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') yield* inline(block.children);
    else if (block.type === 'subdivision') {
      yield* inline(block.children);
      yield* links(block.blocks);
    } else if (block.type === 'blockquote') yield* links(block.children);
    else if (block.type === 'list') for (const item of block.items) yield* links(item);
    else if (block.type === 'table') for (const cell of [...block.header, ...block.rows.flat()]) yield* inline(cell);
  }
}

/** A printed ordinance can only link out to the web or to mail. */
const rule: Rule = {
  id: 'link-scheme',
  description: 'Links use http, https or mailto',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    for (const section of [{ blocks: ordinance.preamble }, ...ordinance.sections]) {
      for (const link of links(section.blocks)) {
        if (/^(https?:\/\/|mailto:)/i.test(link.url)) continue;
        report(link.source.file, `Unexpected link to \`${link.url}\`, expected an \`https://\`, \`http://\` or \`mailto:\` address (use \`:ref\` for sections, \`:cite\` for directives)`, link.source.position);
      }
    }
  },
};
export default rule;
