/** An XML file read and parsed (the importers' one reader of files; the helpers in dc-xml/xml.ts work on what it gives). */
import { readFileSync, statSync } from 'node:fs';
import { parseXml, type Element } from '../dc-xml/xml.js';

/** The largest XML file an importer reads: an act or a title of the D.C. Code is a few megabytes; a larger file is not one. */
export const MAX_XML_BYTES = 64 * 1024 * 1024;

/** Parse an XML file; returns its root element. A file too large, or XML that does not parse, is an error naming the file (and the line and column). */
export function readXml(file: string): Element {
  const size = statSync(file).size;
  if (size > MAX_XML_BYTES) throw new Error(`${file}: ${size} bytes, more than the ${MAX_XML_BYTES} an XML file of law may hold`);
  return parseXml(readFileSync(file), file);
}
