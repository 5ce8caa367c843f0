/**
 * Git for the tests that need a history: run as a fixed clerk with no system
 * or user configuration, and commits at fixed dates, so the history (and every
 * build stamped from it) is the same each run.
 */
import { execFileSync } from 'node:child_process';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Clerk',
  GIT_AUTHOR_EMAIL: 'clerk@example.org',
  GIT_COMMITTER_NAME: 'Clerk',
  GIT_COMMITTER_EMAIL: 'clerk@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Run git in `dir`; its output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
}

/** Commit everything at a fixed date. */
export function commit(dir: string, message: string, date: string): void {
  git(dir, 'add', '-A');
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}
