/**
 * The corpora of real law beside the repository, in ../shared/corpora (see
 * its README): a test that needs a whole one is skipped when it is absent,
 * its name saying which corpus and how to get it, so a fresh clone without
 * ../shared/ passes. What the always-run tests need from real law lives
 * small in test/fixtures/.
 *
 * ORDINANCE_CORPORA names another folder holding the corpora (a path that
 * does not exist shows what a fresh clone without them runs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';

/** Where the corpora are looked for: ORDINANCE_CORPORA, or ../shared/corpora beside the repository. */
export const CORPORA = process.env.ORDINANCE_CORPORA ? path.resolve(process.env.ORDINANCE_CORPORA) : path.resolve(ROOT, '..', 'shared', 'corpora');

export interface Corpus {
  /** The archive's path. */
  file: string;
  /** Whether it is there. */
  present: boolean;
  /** The one line a test that needs it is named with: which corpus, what it holds, where to put it. */
  needed: string;
}

function corpus(name: string, holds: string): Corpus {
  const file = path.join(CORPORA, name);
  return {
    file,
    present: existsSync(file),
    needed: `needs ../shared/corpora/${name} (${holds}; put the shared folder beside the repository, or set ORDINANCE_CORPORA to a folder holding it)`,
  };
}

/** The D.C. Code, titles 1 to 38, as codified XML. */
export const DC_CODE = corpus('dc-code-titles-1-38.tar.xz', 'the D.C. Code as XML, titles 1-38');

/** Real D.C. amending acts (Council periods 23 and 24) with the sections they amend before and after, and the Council's own codify markup. */
export const DC_AMENDMENTS = corpus('dc-amendments-23-24.tar.xz', "real D.C. amending acts with the Council's codification before and after");
