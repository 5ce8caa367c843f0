/**
 * The inline annotations drafters write with remark-directive, as data, and a
 * remark plugin that rejects unknown names, forms and attributes with a
 * positioned message. Drafter's notes are removed here, so no later stage can
 * print them.
 */
import type { Parent, Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { SKIP, visit, type VisitorResult } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import { expectedOneOf } from '../text/did-you-mean.js';

type DirectiveNode = TextDirective | LeafDirective | ContainerDirective;
type Form = DirectiveNode['type'];

export interface AnnotationSpec {
  /** What it is for, in the drafters' words. */
  purpose: string;
  forms: readonly Form[];
  attributes: readonly string[];
  required: readonly string[];
  label: 'required' | 'optional' | 'forbidden';
}

export const ANNOTATIONS: Record<string, AnnotationSpec> = {
  term: { purpose: 'the definition of a defined term', forms: ['textDirective'], attributes: ['id'], required: [], label: 'required' },
  cite: { purpose: 'a citation of a registered prior directive', forms: ['textDirective'], attributes: ['to', 'pin'], required: ['to'], label: 'optional' },
  ref: { purpose: 'a reference to another section by its id', forms: ['textDirective'], attributes: ['to', 'pin'], required: ['to'], label: 'forbidden' },
  ins: { purpose: 'inserted text in an amendment', forms: ['textDirective'], attributes: [], required: [], label: 'required' },
  del: { purpose: 'deleted text in an amendment', forms: ['textDirective'], attributes: [], required: [], label: 'required' },
  tbd: { purpose: 'a visible placeholder for an unconfirmed fact', forms: ['textDirective'], attributes: [], required: [], label: 'required' },
  subdivision: {
    purpose: 'a subdivision with explicit depth, for designations the (a)(1)(A)(i) markers cannot express (imported law)',
    forms: ['leafDirective'],
    attributes: ['num', 'depth'],
    required: ['depth'],
    label: 'optional',
  },
  annotation: {
    purpose: "a note on a section (history, editor's notes, cross references), kept with the section but not part of its text",
    forms: ['containerDirective'],
    attributes: ['type', 'doc', 'path', 'eff', 'app', 'display', 'history', 'prefix', 'applicability', 'expire', 'estimate', 'delay'],
    required: ['type'],
    label: 'optional',
  },
  amend: {
    purpose:
      'an amending instruction stated explicitly, for the sentence before it (where its prose is irregular): what it strikes, inserts, adds, rewrites, repeals or redesignates',
    forms: ['leafDirective'],
    attributes: ['op', 'section', 'path', 'part', 'words', 'insert', 'occurrence', 'at', 'anchor', 'designation', 'after', 'from', 'to'],
    required: ['op', 'section'],
    label: 'forbidden',
  },
  note: {
    purpose: "a drafter's note, never printed",
    forms: ['textDirective', 'leafDirective', 'containerDirective'],
    attributes: [],
    required: [],
    label: 'optional',
  },
};

const FORM_SYNTAX: Record<Form, string> = { textDirective: ':name[...]', leafDirective: '::name[...]', containerDirective: ':::name' };

/**
 * A colon inside prose read back as the colon it is: "8:00 p.m.", "3:1",
 * "Note:see" parse as text directives named "00", "1", "see" with nothing in
 * them. Each such node of `tree` that names no annotation becomes the text it
 * was. What every reader of the format does after parsing (the pipeline's
 * processor, and the amend stage's own reader of a code section).
 */
export function restoreProseColons(tree: Root | Parent): void {
  visit(tree, 'textDirective', (node, index, parent) => {
    if (!isProseColon(node) || !parent || index === undefined) return;
    const directive = node as DirectiveNode;
    parent.children.splice(index, 1, { type: 'text', value: `:${directive.name}`, position: directive.position } as (typeof parent.children)[number]);
    return [SKIP, index + 1];
  });
}

/** Whether a node the Markdown reader took for an annotation is a colon inside prose ("8:00", "3:1"): a text directive naming no annotation, with nothing in it. */
export function isProseColon(node: { type: string }): boolean {
  if (node.type !== 'textDirective') return false;
  const directive = node as DirectiveNode;
  return !ANNOTATIONS[directive.name] && directive.children.length === 0 && Object.keys(directive.attributes ?? {}).length === 0;
}

export default function remarkAnnotations() {
  return (tree: Root, file: VFile) => {
    // "8:00 p.m.", "3:1", "Note:see": a colon inside prose, not an annotation; kept as text.
    restoreProseColons(tree);
    visit(tree, (node, index, parent) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective' && node.type !== 'containerDirective') return;
      const directive = node as DirectiveNode;
      const place = directive.position;
      const spec = ANNOTATIONS[directive.name];
      const drop = (): VisitorResult => {
        // Reported once here; removed so no later stage reports it again or prints it.
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return [SKIP, index];
      };
      if (!spec) {
        report(
          file,
          'unknown-annotation',
          `Unexpected annotation \`${directive.name}\`, expected ${expectedOneOf(directive.name, Object.keys(ANNOTATIONS))}${directive.type === 'textDirective' ? ' (write `\\:` for a literal colon)' : ''}`,
          { place },
        );
        // A text directive keeps its words in the model; a block one is dropped.
        return directive.type === 'textDirective' ? undefined : drop();
      }
      if (!spec.forms.includes(directive.type)) {
        report(
          file,
          'unknown-annotation',
          `Unexpected \`${FORM_SYNTAX[directive.type].replace('name', directive.name)}\`, expected \`${spec.forms
            .map((f) => FORM_SYNTAX[f].replace('name', directive.name))
            .join('` or `')}\` inline in a paragraph`,
          { place },
        );
        return drop();
      }
      const attributes = directive.attributes ?? {};
      // As the drafter wrote it: `:cite`, `::amend`, `:::annotation`.
      const written = `${FORM_SYNTAX[directive.type].split('name')[0]}${directive.name}`;
      for (const key of Object.keys(attributes)) {
        if (!spec.attributes.includes(key)) {
          const allowed = spec.attributes.length ? `one of ${spec.attributes.map((a) => `\`${a}\``).join(', ')}` : 'no attributes';
          report(file, 'annotation-attribute', `Unexpected attribute \`${key}\` on \`${written}\`, expected ${allowed}`, { place });
        }
      }
      for (const key of spec.required) {
        const value = attributes[key];
        if (value === undefined || value === null || value.trim() === '') {
          report(file, 'annotation-attribute', `Missing attribute \`${key}\` on \`${written}\`, expected \`${written}{${key}=...}\``, { place });
        }
      }
      const hasLabel = directive.children.length > 0;
      if (directive.type === 'textDirective' && spec.label === 'required' && !hasLabel) {
        report(file, 'annotation-attribute', `Missing text in \`:${directive.name}\`, expected \`:${directive.name}[text]\``, { place });
      }
      if (spec.label === 'forbidden' && hasLabel) {
        report(
          file,
          'annotation-attribute',
          `Unexpected text in \`:${directive.name}\`, expected \`:${directive.name}{to=...}\` alone (its words are generated, so they never go stale)`,
          { place },
        );
      }
      if (directive.name === 'subdivision' && !/^\d{1,2}$/.test(attributes.depth ?? '')) {
        report(
          file,
          'annotation-attribute',
          `Unexpected depth \`${attributes.depth ?? ''}\` on \`::subdivision\`, expected a whole number: 1 for a subdivision of the section, 0 for text of the section itself`,
          { place },
        );
        return drop();
      }
      if (directive.name === 'note') return drop();
      return undefined;
    });
  };
}
