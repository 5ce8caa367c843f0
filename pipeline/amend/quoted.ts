/**
 * Quoted new text (the block quote after "… is amended to read as follows:"):
 * split into its top-level subdivisions, for a sentence that names several.
 */

/** The kind of a designation's label, by shape: the top level of a quotation is the kind its first paragraph has. */
function kindOf(marker: string): string {
  const label = marker.slice(1, -1);
  if (/^[0-9]/.test(label)) return 'number';
  if (/^[a-z]/.test(label)) return 'lower';
  return 'upper';
}

const MARKER = /^\\?\(([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\\?\)/;

/** Split quoted Markdown into one piece per top-level subdivision ("(a) …" "(b) …"); [] when it has no designations. */
export function splitQuotedText(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim());
  const first = MARKER.exec(paragraphs[0] ?? '');
  if (!first) return [];
  const top = kindOf(`(${first[1]})`);
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const marker = MARKER.exec(paragraph);
    // "(a)(1) Text" opens (a): its first designation is the top-level one.
    if (marker && kindOf(`(${marker[1]})`) === top && (out.length === 0 || !/^(i|v|x)$/.test(marker[1]!) || top !== 'lower')) out.push(paragraph);
    else if (out.length) out[out.length - 1] += `\n\n${paragraph}`;
  }
  return out;
}
