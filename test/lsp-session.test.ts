/**
 * The language server's session, in-process (issue 30): the editor's
 * unsaved text laid over the files, and memory kept bounded: only the
 * folders checked last keep their model, the others their findings, and a
 * folder whose model was let go is checked again when asked about.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EditorSession } from '../pipeline/lsp/session.js';
import { sampleCopy } from './helpers.js';

describe('the editor session', () => {
  it('keeps the models of the last four folders checked, and the findings of every one', async () => {
    const dir = path.join(sampleCopy(), 'ordinance');
    const session = new EditorSession();
    const folders = ['la-sanctuary-city', 'la-city-resources', 'sf-city-of-refuge', 'dc-wmata-board', 'la-admin-code'].map((name) => path.join(dir, name));
    for (const folder of folders) await session.check(folder);
    expect(folders.map((folder) => session.hasModel(folder))).toEqual([false, true, true, true, true]);
    // The first folder's findings stay, for the references and amenders it is asked about.
    expect(session.lastCheck(folders[0]!)?.findings.size).toBeGreaterThan(0);
    await session.check(folders[0]!);
    expect(folders.map((folder) => session.hasModel(folder))).toEqual([true, false, true, true, true]);
  }, 60_000);

  it('checks the editor text in place of the file, and the file again once the editor lets it go', async () => {
    const dir = path.join(sampleCopy(['la-city-resources', 'la-admin-code']), 'ordinance');
    const folder = path.join(dir, 'la-city-resources');
    const file = path.join(folder, '04-scope.md');
    const session = new EditorSession();
    session.setText(file, '---\nid: scope\nheading: Scope\nkind: general\n---\nSee :ref{to=nowhere}.\n');
    const unsaved = await session.check(folder);
    expect(unsaved.findings.get(file)?.map((d) => d.ruleId)).toContain('section-ref-resolves');
    session.forget(file);
    const saved = await session.check(folder);
    expect(saved.findings.get(file)).toEqual([]);
  }, 60_000);
});
