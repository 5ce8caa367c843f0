/**
 * The one directory walker: each folder's entries in name order (code units,
 * so "B" before "a"), a folder before what it holds, hidden names left out on
 * request, and the caller's own choice of which folders to enter.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkTree } from '../pipeline/load/walk.js';
import { tempDir } from './helpers.js';

function tree(files: string[]): string {
  const root = tempDir('ordinance-walk-');
  for (const file of files) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  return root;
}

const FILES = ['b.md', 'a/z.md', 'a/b/c.md', 'a-b/x.md', 'B.md', '.hidden/h.md', 'a/.git', '10.md', '9.md'];

describe('walkTree', () => {
  it('lists each folder in name order, depth first, a folder before its contents', () => {
    const root = tree(FILES);
    const walked = [...walkTree(root)].map((e) => `${path.relative(root, e.path)}${e.isDirectory ? '/' : ''}@${e.depth}`);
    expect(walked).toEqual([
      '.hidden/@1',
      '.hidden/h.md@2',
      '10.md@1',
      '9.md@1',
      'B.md@1',
      'a/@1',
      'a/.git@2',
      'a/b/@2',
      'a/b/c.md@3',
      'a/z.md@2',
      'a-b/@1',
      'a-b/x.md@2',
      'b.md@1',
    ]);
  });

  it('leaves out hidden names, enters only the folders the caller wants, and stops when the caller does', () => {
    const root = tree(FILES);
    const visible = [...walkTree(root, { skipHidden: true, descend: (folder) => folder.name !== 'b' })].map((e) => path.relative(root, e.path));
    expect(visible).toEqual(['10.md', '9.md', 'B.md', 'a', 'a/b', 'a/z.md', 'a-b', 'a-b/x.md', 'b.md']);
    const firstTwo: string[] = [];
    for (const entry of walkTree(root, { skipHidden: true })) {
      if (firstTwo.length === 2) break;
      firstTwo.push(entry.name);
    }
    expect(firstTwo).toEqual(['10.md', '9.md']);
  });

  it('throws on a missing root unless told to pass over unreadable folders', () => {
    const missing = path.join(tempDir('ordinance-walk-'), 'none');
    expect(() => [...walkTree(missing)]).toThrow(/ENOENT/);
    expect([...walkTree(missing, { skipUnreadable: true })]).toEqual([]);
  });
});
