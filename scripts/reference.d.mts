/** Types of scripts/reference.mjs, for the test that keeps docs/reference/ in step with the code. */

/** Where the reference is written, from the repository's root. */
export const REFERENCE_DIR: string;
/** Every page of the reference: its path from the repository's root, and its text. */
export function referencePages(): Promise<Map<string, string>>;
/** The files under docs/reference/ as they are: path from the root, and text. */
export function committedPages(): Map<string, string>;
