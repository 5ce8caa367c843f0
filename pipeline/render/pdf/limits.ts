/**
 * PDF/A-1 (PDF 1.4) limits arrays to 8,191 elements. pdfkit writes its name
 * and number trees (named destinations, the structure parent tree) as one
 * flat array, which a code title with 5,000 sections overflows. Here those
 * trees write themselves as a root with kids of at most 2,000 entries each.
 */
type Ref = { end(): void };

interface Tree {
  _items: Record<string, unknown>;
  _compareKeys(a: string, b: string): number;
  _keysName(): string;
  _dataForKey(key: string): unknown;
  toString(encrypt?: unknown): string;
}

const ENTRIES_PER_KID = 2000;

/** Write a large `tree` (a pdfkit PDFNameTree or PDFNumberTree) as kids now, leaving a root that lists them. */
function split(doc: PDFKit.PDFDocument, tree: Tree): void {
  const keys = Object.keys(tree._items).sort((a, b) => tree._compareKeys(a, b));
  if (keys.length <= ENTRIES_PER_KID) return;
  const ref = (doc as unknown as { ref(data: Record<string, unknown>): Ref }).ref.bind(doc);
  const kids: Ref[] = [];
  for (let i = 0; i < keys.length; i += ENTRIES_PER_KID) {
    const chunk = keys.slice(i, i + ENTRIES_PER_KID);
    const kid = ref({
      Limits: [tree._dataForKey(chunk[0]!), tree._dataForKey(chunk[chunk.length - 1]!)],
      [tree._keysName()]: chunk.flatMap((key) => [tree._dataForKey(key), tree._items[key]]),
    });
    kid.end();
    kids.push(kid);
  }
  tree.toString = () => `<<\n  /Kids [${kids.map(String).join(' ')}]\n>>`;
}

/**
 * Keep the named destinations and the structure parent tree within PDF/A's
 * array limit. Call it when all content is drawn, just before the document
 * ends: the kids are written then, ahead of the dictionaries that list them.
 */
export function splitLargeTrees(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as { _root: { data: { Names: { data: { Dests: Tree } } } }; getStructParentTree(): Tree };
  split(doc, internals._root.data.Names.data.Dests);
  split(doc, internals.getStructParentTree());
}
