/** The date and commit a build stamps on its outputs (gathered from SOURCE_DATE_EPOCH or git by history/build-provenance.ts). */
export interface Provenance {
  /** Build date (also the PDF's creation and modification date). */
  date: Date;
  /** Short hash of the last commit touching the sources, with "+" when they have uncommitted changes; null outside git. */
  commit: string | null;
}
