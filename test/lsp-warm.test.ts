/**
 * The language server's check after a keystroke (issue 30): each folder's
 * unchanged files are kept in memory between checks, already resolved, and
 * only the files edited are parsed and walked again (runner/warm.ts). Here,
 * after every edit of a sequence (prose with citations and references, a
 * section's id and number, the ordinance file, a quoted code section, a
 * registry entry), the warm check must equal a check from nothing: the same
 * findings on every file, the same citations resolved to the same entries,
 * the same references and relations. And the warm path must be the one taken
 * where it may be: the unchanged sections' models are the last check's.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EditorSession, type FolderCheck } from '../pipeline/lsp/session.js';
import { FIXTURES, sampleCopy } from './helpers.js';

/** What a check found, in a form to compare: findings by file, and the citations, references and relations of the model. */
function facts(check: FolderCheck) {
  const ordinance = check.result?.ordinance;
  const at = (source: { file: { path: string }; position?: { start: { offset?: number } } | undefined }) => `${path.basename(source.file.path)}@${source.position?.start.offset}`;
  return {
    findings: [...check.findings].sort(([a], [b]) => a.localeCompare(b)),
    citations: ordinance?.citations.map((c) => [at(c.source), c.directiveId, c.directive?.meta.id ?? null, c.sectionId, c.pinpoint ?? null]),
    references: ordinance?.references.map((r) => [at(r.source), r.targetId, r.target?.id ?? null, r.sectionId]),
    relations: check.relations.map((r) => JSON.stringify([r.directive.meta.id, r.relations, r.sections.map((s) => s.id)])),
  };
}

/** The warm session's check of `folder` against a new session's, given the same editor texts. */
async function agrees(session: EditorSession, folder: string, open: Map<string, string>): Promise<FolderCheck> {
  const warm = await session.check(folder);
  const cold = new EditorSession();
  for (const [file, text] of open) cold.setText(file, text);
  expect(facts(warm)).toEqual(facts(await cold.check(folder)));
  return warm;
}

/** The sections whose model (their blocks) is the one the last check had: kept, not parsed again. */
function kept(before: FolderCheck, after: FolderCheck): string[] {
  const old = new Map(before.result!.ordinance!.sections.map((s) => [s.file.path, s.blocks]));
  return after.result!.ordinance!.sections.filter((s) => old.get(s.file.path) === s.blocks).map((s) => path.basename(s.file.path));
}

describe('a warm check equals a check from nothing', () => {
  it('in a code title: citations typed and removed, a section renumbered, the title edited, a registry entry changed', async () => {
    const root = sampleCopy(['dc-code']);
    const title = path.join(root, 'ordinance', 'dc-code', 'dc-code-title-9');
    const chapter = path.join(title, '13-chapter-11', '06-subchapter-iv-b');
    // The code's own registry, beside its titles: the act the sections cite.
    const registry = path.join(root, 'ordinance', 'dc-code', 'directives');
    mkdirSync(registry);
    cpSync(path.join(root, 'ordinance', 'directives', 'dc-law-19-286.md'), path.join(registry, 'dc-law-19-286.md'));
    // Two more sections beside the one shipped: one that cites it and registered law, one plain.
    const second = path.join(chapter, '02-9-1108.12.md');
    writeFileSync(
      second,
      '---\nid: 9-1108.12\nnumber: 9-1108.12\nheading: Terms.\nkind: code-section\n---\n\n(a) A member appointed under § 9-1108.11 serves a term of 4 years.\n\n(b) See D.C. Law 19-286.\n',
    );
    const third = path.join(chapter, '03-9-1108.13.md');
    writeFileSync(third, '---\nid: 9-1108.13\nnumber: 9-1108.13\nheading: Vacancies.\nkind: code-section\n---\n\n(a) A vacancy is filled for the rest of the term.\n');
    const session = new EditorSession();
    const open = new Map<string, string>();
    const edit = (file: string, text: string) => {
      open.set(file, text);
      session.setText(file, text);
    };
    const first = await agrees(session, title, open);
    const original = readFileSync(second, 'utf8');

    edit(second, `${original}\n(c) As provided in § 9-1108.13 and in D.C. Law 19-286, and in the Home Rule Act (D.C. Law 99-1).\n`);
    const typed = await agrees(session, title, open);
    expect(kept(first, typed)).toEqual(['01-9-1108.11.md', '03-9-1108.13.md']);

    edit(second, original.replace('(b) See D.C. Law 19-286.', '(b) See the law.\n\n(d) Repeats.'));
    const removed = await agrees(session, title, open);
    expect(kept(typed, removed)).toEqual(['01-9-1108.11.md', '03-9-1108.13.md']);

    // A section's id and number: what other sections' citations may resolve to; every file is read again.
    edit(third, readFileSync(third, 'utf8').replace(/9-1108\.13/g, '9-1108.14'));
    const renumbered = await agrees(session, title, open);
    expect(kept(removed, renumbered)).toEqual([]);
    const settled = await agrees(session, title, open);
    expect(kept(renumbered, settled)).toHaveLength(3);

    // The title's own file: its designation is what its sections' citations are read against.
    edit(path.join(title, 'code.md'), readFileSync(path.join(title, 'code.md'), 'utf8').replace('status: effective', 'status: effective\nsummary: "The title."'));
    await agrees(session, title, open);

    // A registry entry edited: every citation is resolved again, against the new registry.
    const entry = path.join(registry, 'dc-law-19-286.md');
    edit(entry, readFileSync(entry, 'utf8').replace(/^title: .*$/m, 'title: "Renamed in the editor"'));
    await agrees(session, title, open);

    // The editor lets go of a file: the disk's text stands again.
    session.forget(second);
    open.delete(second);
    await agrees(session, title, open);
  }, 60_000);

  it('in an ordinance: a reference "section 4" typed, the sections renumbered, an amending section edited', async () => {
    const root = sampleCopy(['dc-wmata-board', 'la-sanctuary-city', 'la-admin-code']);
    const session = new EditorSession();
    const open = new Map<string, string>();
    const edit = (file: string, text: string) => {
      open.set(file, text);
      session.setText(file, text);
    };
    const act = path.join(root, 'ordinance', 'dc-wmata-board');
    const first = await agrees(session, act, open);
    const fiscal = path.join(act, '03-fiscal-impact.md');
    edit(fiscal, `${readFileSync(fiscal, 'utf8')}\nThis section applies as section 4 of this act and section 2(b) provide.\n`);
    const typed = await agrees(session, act, open);
    expect(kept(first, typed)).toEqual(['01-short-title.md', '02-board-of-directors.md', '04-effective-date.md']);
    // Section 4 becomes section 5: "section 4" now names another section.
    const effective = path.join(act, '04-effective-date.md');
    edit(effective, readFileSync(effective, 'utf8').replace(/^kind:/m, 'number: "5"\nkind:'));
    await agrees(session, act, open);

    const ordinance = path.join(root, 'ordinance', 'la-sanctuary-city');
    await agrees(session, ordinance, open);
    const codification = path.join(ordinance, '05-codification.md');
    edit(codification, `${readFileSync(codification, 'utf8')}\nSee Section 3 and Executive Directive No. 20 (2017).\n`);
    await agrees(session, ordinance, open);
    const prohibitions = path.join(ordinance, '04-prohibitions.md');
    edit(prohibitions, readFileSync(prohibitions, 'utf8').replace(/\bshall\b/, 'must'));
    await agrees(session, ordinance, open);
  }, 60_000);

  it('in an ordinance quoting code sections from files of their own: the quoted section edited', async () => {
    const root = path.join(sampleCopy([]), 'ordinance');
    cpSync(path.join(FIXTURES, 'quoted-chapter', 'ordinance', 'sf-chapter-12h'), path.join(root, 'sf-chapter-12h'), { recursive: true });
    const folder = path.join(root, 'sf-chapter-12h');
    const session = new EditorSession();
    const open = new Map<string, string>();
    await agrees(session, folder, open);
    const quoted = path.join(folder, '01-chapter-12h', '02-sec-12h-2.md');
    const text = `${readFileSync(quoted, 'utf8')}\nAs Section 12H.1 and Executive Directive No. 20 provide, TODO.\n`;
    open.set(quoted, text);
    session.setText(quoted, text);
    await agrees(session, folder, open);
    await agrees(session, folder, open);
  }, 60_000);
});
