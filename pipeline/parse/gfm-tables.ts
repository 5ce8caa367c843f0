/**
 * Remark plugin: the two GitHub additions the format uses, tables and
 * ~~strikethrough~~, registered the way remark-gfm registers all of GFM. The
 * rest of GFM (bare-URL autolinks, footnotes, task lists) is not part of the
 * format, and leaving it out makes parsing about a quarter faster on real law.
 */
import { gfmStrikethroughFromMarkdown, gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown, gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Processor } from 'unified';

export default function remarkGfmTables(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTable(), gfmStrikethrough({ singleTilde: false })];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()];
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), gfmTableToMarkdown(), gfmStrikethroughToMarkdown()];
}
