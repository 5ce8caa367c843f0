/**
 * The incremental build of an installation whose templates or code change:
 * what a changed template draws is built again, and everything when the
 * tool's code changes. In the second tier (`npm run test:full`, which .ci/run
 * runs): it copies the installation and builds three ordinances four times.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir, threeOrdinances } from './helpers.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

describe('the incremental build of a changed installation', () => {
  it('builds again what a changed template or a changed tool draws', () => {
    // A copy of the installation, whose templates and code the test may change.
    const install = tempDir('incr-install-');
    for (const part of ['bin', 'lib/bin', 'templates', 'package.json', 'pipeline/validate/diagnostics'])
      cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'));
    const dir = threeOrdinances();
    const run = (args: string[]) => {
      const result = runCliWith(path.join(install, 'bin', 'ordinance.js'), args, dir);
      expect(result.code, result.stderr).toBe(0);
      return Object.fromEntries(
        result.stderr.split('\n').flatMap((line) => {
          const match = /^built out\/([^/]+)\/.*?( \(unchanged: reused\))?$/.exec(line);
          return match ? [[match[1], match[2] ? 'reused' : 'built']] : [];
        }),
      );
    };
    run(['build', 'ordinance', '--out', 'out']);
    expect(run(['build', 'ordinance', '--out', 'out'])).toEqual({ 'la-sanctuary-city': 'reused', sample: 'reused', 'title-97': 'reused' });

    // The District's template: its code title, not the Los Angeles ordinances.
    const template = path.join(install, 'templates', 'jurisdictions', 'district-of-columbia.json');
    const text = readFileSync(template, 'utf8');
    const changed = text.replace(/"name":\s*"([^"]+)"/, (_, name: string) => `"name": "${name} "`);
    expect(changed).not.toBe(text);
    writeFileSync(template, changed);
    expect(run(['build', 'ordinance', '--out', 'out'])).toEqual({ 'la-sanctuary-city': 'reused', sample: 'reused', 'title-97': 'built' });

    // The tool's code: everything.
    appendFileSync(path.join(install, 'lib', 'bin', 'main.js'), '\n// another version\n');
    expect(run(['build', 'ordinance', '--out', 'out'])).toEqual({ 'la-sanctuary-city': 'built', sample: 'built', 'title-97': 'built' });
  });
});

/** The CLI of another installation, run as a user would. */
function runCliWith(bin: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...EPOCH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
