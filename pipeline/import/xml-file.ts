/** An XML file read and parsed (the importers' one reader of files; the helpers in dc-xml/xml.ts work on what it gives). */
import { readFileSync } from 'node:fs';
import { parseXml, type Element } from '../dc-xml/xml.js';

/** Parse an XML file; returns its root element. */
export function readXml(file: string): Element {
  return parseXml(readFileSync(file), file);
}
