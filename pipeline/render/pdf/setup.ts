/**
 * The pdfkit document every output starts from: tagged, in the document's
 * language, its title shown; PDF/A-1b (PDF 1.4) for versions that are law,
 * PDF/UA-identified PDF 1.7 for drafts; the template's fonts registered; the
 * fallback fonts for the characters they lack; the metadata made safe for XMP; bytes collected as they are written.
 */
import type { Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { FontFace, Template } from '../../template/template-schema.js';
import { documentFontOf } from '../../template/fonts.js';
import { fontName } from './context.js';
import { CouncilDocument, infoText } from './pdfkit.js';

/** Versions that are law are archived: PDF/A-1b (no transparency, so no watermark, which only drafts carry). */
export function isArchival(ordinance: Ordinance): boolean {
  return ordinance.meta.status === 'adopted' || ordinance.meta.status === 'effective';
}

/** The PDF/UA-1 identification, and (PDF/A wants every non-standard XMP namespace described) its PDF/A extension schema. */
const PDFUA_ID = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        `;

export interface DocumentInfo {
  title: string;
  subject: string;
  keywords?: string;
}

export interface OpenDocument {
  doc: CouncilDocument;
  /** The bytes, once `doc.end()` has been called. */
  bytes: Promise<Buffer>;
}

/** A new document for `ordinance` on `template`; `bufferPages` keeps pages for a pass over them at the end. */
export function openDocument(ordinance: Ordinance, template: Template, provenance: Provenance, info: DocumentInfo, bufferPages: boolean): OpenDocument {
  const { layout, jurisdiction } = template;
  const archival = isArchival(ordinance);
  const doc = new CouncilDocument({
    size: layout.page.size,
    margins: layout.page.margins,
    bufferPages,
    autoFirstPage: true,
    displayTitle: true,
    tagged: true,
    lang: ordinance.meta.language ?? jurisdiction.language,
    pdfVersion: archival ? '1.4' : '1.7',
    subset: archival ? 'PDF/A-1b' : 'PDF/UA',
    info: {
      Title: infoText(info.title),
      Subject: infoText(info.subject),
      Author: infoText(jurisdiction.name),
      ...(info.keywords ? { Keywords: infoText(info.keywords) } : {}),
      Creator: 'ordinance-pipeline',
      Producer: 'ordinance-pipeline (pdfkit)',
      CreationDate: provenance.date,
    },
  });
  // The archive is also identified as PDF/UA-1 (tagged for screen readers); pdfkit adds one identification, the other goes here.
  if (archival) doc.appendXmp(PDFUA_ID);
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // The fonts as parsed once per process (pdfkit takes a fontkit font in place of a file).
  for (const [role, file] of Object.entries(template.fontFiles)) doc.registerFont(fontName(role as FontFace), documentFontOf(file) as unknown as string);
  doc.useFallbackFonts(template.fallbackFontFiles);
  // Expanded: PDF/A wants a /Count on the outline root.
  doc.expandOutlineRoot();
  return { doc, bytes };
}
