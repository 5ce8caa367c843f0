/**
 * The ordinance's text as accessible HTML, from the same model the PDF is
 * drawn from (model → hast with hastscript; serialized by hast-util-to-html,
 * which escapes every text and attribute): sections as `<section>` with their
 * heading, subdivisions as nested lists with their designation, defined terms
 * as `<dfn>`, references and citations of the code's own sections as links
 * to their place on the page, other citations to the directive's page. The
 * words are the drafter's, printed as the PDF prints them (a `:ref` as its
 * number, `:del` in ((…)), `:tbd` as [TBD: …]).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Block, Citation, Inline, Ordinance, Section, Subdivision } from '../model/types.js';
import { sectionBody } from '../model/quoted-law.js';
import { SKIP, visitBlocks } from '../model/visit.js';
import { referenceLabel } from '../template/vocabulary.js';
import type { Template } from '../template/template-schema.js';
import { liveHref, pageName, sectionAnchor, subdivisionAnchor } from './links.js';
import { groupTitle, sectionHeadingLabel } from '../template/vocabulary.js';

interface TextContext {
  ordinance: Ordinance;
  template: Template;
  /** The code's own sections by designation ("24-211.07"), for citations of them. */
  byDesignation: Map<string, Section>;
  /** The anchors the page has: each section's and each subdivision's. */
  anchors: Set<string>;
  /** The ids given so far. */
  used: Set<string>;
  /** Where the directive pages are, from the ordinance's page. */
  directivesHref: string;
}

/** The text of `ordinance` as one `<div class="law-text">`: its preamble, then each section under the groups that hold it. */
export function ordinanceText(ordinance: Ordinance, template: Template, directivesHref = '../../directives/'): Element {
  const anchors = new Set<string>();
  for (const section of ordinance.sections) {
    anchors.add(sectionAnchor(section.id));
    // Quoted law's subdivisions are the code's: none is an anchor of the ordinance.
    visitBlocks(section.blocks, { block: (b) => (b.type === 'blockquote' ? SKIP : undefined), subdivision: (s) => void anchors.add(subdivisionAnchor(section.id, s.path)) });
  }
  const ctx: TextContext = {
    ordinance,
    template,
    byDesignation: new Map(ordinance.sections.filter((s) => s.designation).map((s) => [s.designation!, s])),
    anchors,
    used: new Set(ordinance.sections.flatMap((s) => [sectionAnchor(s.id), `${sectionAnchor(s.id)}-heading`])),
    directivesHref,
  };
  const children: ElementContent[] = [];
  if (ordinance.preamble.length > 0) children.push(h('div', { className: ['preamble'] }, blocks(ctx, ordinance.preamble, null)));
  let groupKeys: string[] = [];
  for (const section of ordinance.sections) {
    // A group's heading where its first section starts, one level deeper for each group it stands in.
    section.groups.forEach((group, i) => {
      if (groupKeys[i] === group.key) return;
      groupKeys = [...groupKeys.slice(0, i), group.key];
      const words = groupTitle(ctx.template.layout, group);
      children.push(h(`h${Math.min(6, 2 + i)}`, { className: ['group-heading'] }, words));
    });
    groupKeys = groupKeys.slice(0, section.groups.length);
    children.push(sectionElement(ctx, section));
  }
  return h('div', { className: ['law-text'] }, children);
}

/** "Section 3.", "Sec. 3.", "§ 24-211.07." as the layout and the jurisdiction's vocabulary word it, as the PDF prints it. */
function sectionLabel(ctx: TextContext, section: Section): string {
  return sectionHeadingLabel(ctx.template.layout, ctx.template.jurisdiction.vocabulary, section);
}

function sectionElement(ctx: TextContext, section: Section): Element {
  const style = ctx.template.layout.section;
  const heading = !section.heading || /[.:;!?\]]$/.test(section.heading) ? section.heading : `${section.heading}.`;
  const status = section.status && section.status !== 'in-force' ? style.statusLabels[section.status] : undefined;
  const level = Math.min(6, 2 + section.groups.length);
  const anchor = sectionAnchor(section.id);
  const content: ElementContent[] = [
    h(`h${level}`, { id: `${anchor}-heading` }, [
      h('span', { className: ['section-label'] }, sectionLabel(ctx, section)),
      ...(heading ? [`${style.separator}${heading}`] : []),
      ...(status && status !== section.heading ? [h('span', { className: ['section-status'] }, ` [${status}${section.statusNote ? `: ${section.statusNote}` : ''}]`)] : []),
    ]),
    ...blocks(ctx, sectionBody(section), section),
  ];
  for (const note of section.annotations) {
    content.push(h('div', { className: ['annotation'] }, [h('p', { className: ['annotation-type'] }, note.type), ...blocks(ctx, note.blocks, section)]));
  }
  return h('section', { id: anchor, ariaLabelledBy: `${anchor}-heading`, className: ['law-section'] }, content);
}

/** Blocks in order; consecutive subdivisions form one list. */
function blocks(ctx: TextContext, list: Block[], section: Section | null): ElementContent[] {
  const out: ElementContent[] = [];
  let run: Subdivision[] = [];
  const flush = () => {
    if (run.length === 0) return;
    out.push(
      h(
        'ol',
        { className: ['subdivisions'], role: 'list' },
        run.map((s) => subdivisionItem(ctx, s, section)),
      ),
    );
    run = [];
  };
  for (const block of list) {
    if (block.type === 'subdivision') {
      run.push(block);
      continue;
    }
    flush();
    switch (block.type) {
      case 'paragraph':
        // A quoted section's heading line ("Sec. 7. Qualifications.") reads as the code's heading.
        out.push(block.sectionHeading === undefined ? h('p', inlines(ctx, block.children)) : h('p', { className: ['quoted-heading'] }, inlines(ctx, block.children)));
        break;
      case 'list':
        out.push(
          h(
            block.ordered ? 'ol' : 'ul',
            block.ordered && block.start !== 1 ? { start: block.start } : {},
            block.items.map((item) => h('li', blocks(ctx, item, section))),
          ),
        );
        break;
      case 'blockquote':
        out.push(h('blockquote', blocks(ctx, block.children, null)));
        break;
      case 'table':
        out.push(
          h('div', { className: ['table-scroll'] }, [
            h('table', [
              h('thead', [
                h(
                  'tr',
                  block.header.map((cell, i) => h('th', { scope: 'col', ...align(block.align[i]) }, inlines(ctx, cell))),
                ),
              ]),
              h(
                'tbody',
                block.rows.map((row) =>
                  h(
                    'tr',
                    row.map((cell, i) => h('td', align(block.align[i]), inlines(ctx, cell))),
                  ),
                ),
              ),
            ]),
          ]),
        );
        break;
    }
  }
  flush();
  return out;
}

function align(value: 'left' | 'right' | 'center' | null | undefined): Record<string, string> {
  return value ? { className: `align-${value}` } : {};
}

function subdivisionItem(ctx: TextContext, subdivision: Subdivision, section: Section | null): Element {
  const designation = subdivision.marker || `(${subdivision.label})`;
  // The first subdivision of each path holds its anchor: ids are unique on the page.
  const id = section ? once(ctx, subdivisionAnchor(section.id, subdivision.path)) : undefined;
  const first: ElementContent[] = [
    h('span', { className: ['designation'] }, designation),
    ...(subdivision.children.length ? [{ type: 'text' as const, value: ' ' }, ...inlines(ctx, subdivision.children)] : []),
  ];
  return h('li', { id, className: [`level-${Math.min(subdivision.level, 8)}`] }, [h('p', first), ...blocks(ctx, subdivision.blocks, section)]);
}

/** Where a reference to `section` at `pinpoint` goes on the page: the deepest subdivision of the pinpoint it holds, else the section. */
function anchorOf(ctx: TextContext, section: Section, pinpoint: string | undefined): string {
  const levels = pinpoint?.replace(/^[^(]*/, '').match(/\([^()]*\)/g) ?? [];
  for (let n = levels.length; n > 0; n--) {
    const anchor = subdivisionAnchor(section.id, levels.slice(0, n).join(''));
    if (ctx.anchors.has(anchor)) return anchor;
  }
  return sectionAnchor(section.id);
}

/** A citation of a section of the code this document holds: its place on the page. */
function ownCodeAnchor(ctx: TextContext, citation: Citation): string | undefined {
  const codeTarget = ctx.template.jurisdiction.citations?.code?.target;
  if (!codeTarget || citation.directiveId !== codeTarget) return undefined;
  const section = ctx.byDesignation.get((citation.pinpoint ?? '').replace(/^§\s*/, '').replace(/\(.*$/, ''));
  return section ? anchorOf(ctx, section, citation.pinpoint) : undefined;
}

/** `id` the first time it is asked for, then undefined: no two elements of a page share an id. */
function once(ctx: TextContext, id: string): string | undefined {
  if (ctx.used.has(id)) return undefined;
  ctx.used.add(id);
  return id;
}

function inlines(ctx: TextContext, nodes: Inline[]): ElementContent[] {
  return nodes.flatMap((node) => inline(ctx, node));
}

function inline(ctx: TextContext, node: Inline): ElementContent[] {
  const { amendment, placeholder } = ctx.template.layout;
  switch (node.type) {
    case 'text':
    case 'code':
      return [{ type: 'text', value: node.value }];
    case 'break':
      return [h('br')];
    case 'emphasis':
      return [h('em', inlines(ctx, node.children))];
    case 'strong':
      return [h('strong', inlines(ctx, node.children))];
    case 'link': {
      const href = liveHref(node.url);
      return [href ? h('a', { href, rel: 'noopener noreferrer' }, inlines(ctx, node.children)) : h('span', { className: ['link-text'] }, inlines(ctx, node.children))];
    }
    case 'term':
      return [h('dfn', { id: once(ctx, `t-${node.id}`) }, inlines(ctx, node.children))];
    case 'citation': {
      const words = node.children.length ? inlines(ctx, node.children) : [`${node.directive?.meta['cited-as'][0] ?? node.directiveId}${node.pinpoint ? ` ${node.pinpoint}` : ''}`];
      const own = ownCodeAnchor(ctx, node);
      if (own) return [h('a', { href: `#${own}`, className: ['citation'] }, words)];
      if (node.directive) return [h('a', { href: `${ctx.directivesHref}${pageName(node.directive.meta.id)}.html`, className: ['citation'] }, words)];
      return [h('span', { className: ['citation'] }, words)];
    }
    case 'sectionRef': {
      const vocabulary = ctx.template.jurisdiction.vocabulary;
      const words = node.written ?? (node.target ? referenceLabel(node.target, node.pinpoint, vocabulary) : `${vocabulary.section} ${node.targetId}`);
      return [node.target ? h('a', { href: `#${anchorOf(ctx, node.target, node.pinpoint)}`, className: ['reference'] }, words) : h('span', words)];
    }
    case 'insertion':
      return [h('ins', inlines(ctx, node.children))];
    case 'deletion':
      return [h('del', [amendment.deletionOpen, ...inlines(ctx, node.children), amendment.deletionClose])];
    case 'placeholder':
      return [h('mark', { className: ['placeholder'] }, `${placeholder.open}${node.description}${placeholder.close}`)];
    case 'image':
      // The picture stays in the PDF; its description stands in the text, as it does for readers of the PDF.
      return [h('span', { className: ['image-description'] }, node.alt ? `[Image: ${node.alt}]` : '[Image]')];
  }
}

/** The words of the text, lower-cased and each once, for the catalog's search. */
export function textWords(ordinance: Ordinance): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined) => {
    for (const word of (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []) words.add(word);
  };
  const walk = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'code') add(node.value);
      else if (node.type === 'placeholder') add(node.description);
      else if (node.type === 'sectionRef') add(node.written ?? (node.target ? referenceLabel(node.target, node.pinpoint) : ''));
      else if (node.type === 'citation' && node.children.length === 0) add(`${node.directive?.meta['cited-as'][0] ?? node.directiveId} ${node.pinpoint ?? ''}`);
      if ('children' in node && Array.isArray(node.children)) walk(node.children);
    }
  };
  add(ordinance.meta.title);
  add(ordinance.meta['short-title']);
  add(ordinance.meta.number);
  for (const sponsor of ordinance.meta.sponsors ?? []) add(sponsor);
  for (const block of ordinance.preamble) walkBlock(block, walk);
  for (const section of ordinance.sections) {
    add(section.heading);
    add(section.designation);
    for (const block of sectionBody(section)) walkBlock(block, walk);
  }
  return [...words].sort();
}

function walkBlock(block: Block, walk: (nodes: Inline[]) => void): void {
  switch (block.type) {
    case 'paragraph':
      walk(block.children);
      break;
    case 'subdivision':
      walk(block.children);
      for (const b of block.blocks) walkBlock(b, walk);
      break;
    case 'list':
      for (const item of block.items) for (const b of item) walkBlock(b, walk);
      break;
    case 'blockquote':
      for (const b of block.children) walkBlock(b, walk);
      break;
    case 'table':
      for (const cell of [...block.header, ...block.rows.flat()]) walk(cell);
      break;
  }
}
