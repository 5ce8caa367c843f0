/**
 * The CI templates under templates/ci/: each valid against its service's
 * published schema (GitHub's own workflow schema, shipped in
 * @actions/workflow-parser; GitLab's CI schema, shipped in gitlab-ci-local),
 * and each run, its steps in order, for a push to the default branch on a
 * repository made in the test: the check's SARIF, the sharded build whose
 * parts together build every ordinance once, and the site assembled from the
 * parts byte for byte equal to one build of everything.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { Ajv } from 'ajv';
import { schema as gitlabSchema } from 'gitlab-ci-local/src/schema/schema.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CiService } from './ci-runner.js';
import { filesBelow, ROOT, runCli, tempDir, threeOrdinances } from './helpers.js';

const GITHUB = path.join(ROOT, 'templates', 'ci', 'github', 'ordinance.yml');
const GITLAB = path.join(ROOT, 'templates', 'ci', 'gitlab', 'gitlab-ci.yml');

/** The errors GitHub's workflow schema finds in a workflow file. */
function workflowErrors(content: string): string[] {
  const result = parseWorkflow({ name: 'ordinance.yml', content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

/** The errors GitLab's CI schema finds in a pipeline file. */
function pipelineErrors(content: string): string[] {
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(gitlabSchema);
  return validate(parseYaml(content)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('the CI templates against their published schemas', () => {
  it('the GitHub Actions workflow is valid, and a broken one is not', () => {
    const workflow = readFileSync(GITHUB, 'utf8');
    expect(workflowErrors(workflow)).toEqual([]);
    expect(workflowErrors(workflow.replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest')).length).toBeGreaterThan(0);
    expect(workflowErrors(workflow.replace('fail-fast: false', 'fail-fast: sometimes')).length).toBeGreaterThan(0);
  });

  it('the GitLab CI pipeline is valid, and a broken one is not', () => {
    const pipeline = readFileSync(GITLAB, 'utf8');
    expect(pipelineErrors(pipeline)).toEqual([]);
    expect(pipelineErrors(pipeline.replace('parallel: 4', 'parallel: four')).length).toBeGreaterThan(0);
    expect(pipelineErrors(pipeline.replace('expire_in: 1 week', 'expire_in: [1]')).length).toBeGreaterThan(0);
  });
});

/** Who commits in the repositories the tests make. */
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

/** A repository of three ordinances (two jurisdictions), with its history, as a city would keep it. */
function cityRepository(): string {
  const dir = threeOrdinances('stop-records');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n.cache/\ndist/\npublic/\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-q', '-m', 'The ordinances'], { cwd: dir, env: GIT_ENV });
  return dir;
}

/** What one build of everything, without any cache, gives in the same clone. */
function oneBuild(ci: CiService): Map<string, Buffer> {
  const result = runCli(['build', 'ordinance/', '--out', 'one-build', '--quiet'], ci.workdir, { ORDINANCE_CACHE: '0' });
  expect(result.code, result.stderr).toBe(0);
  return filesBelow(path.join(ci.workdir, 'one-build'));
}

/** The slugs an output folder holds. */
function slugs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n !== 'directives.json') : [];
}

// The GitHub Actions workflow's shapes, as far as the runner reads them.
interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}

/** A GitHub expression (`${{ … }}` or an `if:`) evaluated against the run's contexts. */
function evaluate(expression: string, contexts: Record<string, unknown>): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), []).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(parsed, context).evaluate();
}

function interpolate(text: string, contexts: Record<string, unknown>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => evaluate(expression.trim(), contexts).coerceString());
}

/** The jobs in an order their `needs` allow (the file's order otherwise). */
function jobOrder(jobs: Record<string, Job>): string[] {
  const done: string[] = [];
  while (done.length < Object.keys(jobs).length) {
    const next = Object.entries(jobs).find(([name, job]) => !done.includes(name) && [job.needs ?? []].flat().every((n) => done.includes(n)));
    if (!next) throw new Error('the jobs need each other in a circle');
    done.push(next[0]);
  }
  return done;
}

/** A pull request on the city's repository: a branch `edit` that changes one ordinance's words, checked out in `origin`. Returns the base and head commits. */
function pullRequest(origin: string): { base: string; head: string } {
  const base = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: origin, encoding: 'utf8' }).trim();
  execFileSync('git', ['checkout', '-q', '-b', 'edit'], { cwd: origin });
  const file = path.join(origin, 'ordinance', 'la-sanctuary-city', '05-codification.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('shall not initiate police action', 'shall never initiate police action'));
  execFileSync('git', ['commit', '-q', '-am', 'Never initiate'], { cwd: origin, env: GIT_ENV });
  return { base, head: execFileSync('git', ['rev-parse', 'HEAD'], { cwd: origin, encoding: 'utf8' }).trim() };
}

/** Run the GitHub workflow's jobs, step by step, for one event; returns the jobs run, what was deployed (if anything) and each job's step summary. */
function runGithubWorkflow(ci: CiService, github: Record<string, unknown>): { ran: string[]; deployed: string | null; summaries: Record<string, string> } {
  const workflow = parseYaml(readFileSync(GITHUB, 'utf8')) as { env: Record<string, string>; jobs: Record<string, Job> };
  const ran: string[] = [];
  const summaries: Record<string, string> = {};
  let deployed: string | null = null;
  const skipped = new Set<string>();
  for (const name of jobOrder(workflow.jobs)) {
    const job = workflow.jobs[name]!;
    // A job runs when its condition holds and every job it needs ran (GitHub skips it otherwise).
    if ((job.if && !truthy(evaluate(job.if, { github }))) || [job.needs ?? []].flat().some((need) => skipped.has(need))) {
      skipped.add(name);
      continue;
    }
    const matrix = job.strategy?.matrix ?? {};
    const axes = Object.entries(matrix);
    const combinations = axes.length === 0 ? [{}] : axes[0]![1].map((value) => ({ [axes[0]![0]]: value }));
    for (const combination of combinations) {
      ran.push(`${name}${axes.length ? ` ${JSON.stringify(combination)}` : ''}`);
      const contexts = { github, matrix: combination, env: workflow.env, steps: {} };
      const cached: [string, string][] = [];
      ci.checkout();
      for (const step of job.steps) {
        if (step.if && !truthy(evaluate(step.if, contexts))) continue;
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, typeof v === 'string' ? interpolate(v, contexts) : v]));
        const uses = step.uses?.replace(/@.*/, '');
        if (step.name === 'Install the pipeline') ci.install();
        else if (step.run !== undefined)
          ci.shell(name, step.name ?? step.run, interpolate(step.run, contexts), { ...workflow.env, GITHUB_STEP_SUMMARY: path.join(ci.workdir, '.summary') });
        else if (uses === 'actions/checkout' || uses === 'actions/setup-node')
          expect(uses === 'actions/checkout' ? inputs['fetch-depth'] : inputs['node-version']).toBe(uses === 'actions/checkout' ? 0 : 20);
        else if (uses === 'actions/cache') {
          ci.restoreCache(String(inputs.path), String(inputs.key), [String(inputs['restore-keys'])]);
          cached.push([String(inputs.path), String(inputs.key)]);
        } else if (uses === 'github/codeql-action/upload-sarif') {
          const sarif = JSON.parse(readFileSync(path.join(ci.workdir, String(inputs.sarif_file)), 'utf8')) as { version: string; runs: { tool: { driver: { name: string } } }[] };
          expect(sarif.version).toBe('2.1.0');
          expect(sarif.runs[0]?.tool.driver.name).toBe('ordinance');
        } else if (uses === 'actions/upload-artifact') ci.upload(String(inputs.name), String(inputs.path).split('\n').filter(Boolean));
        else if (uses === 'actions/download-artifact') {
          const pattern = new RegExp(`^${String(inputs.pattern).replace(/\*/g, '.*')}$`);
          expect(inputs['merge-multiple']).toBe(true);
          expect(ci.download((n) => pattern.test(n), String(inputs.path)).length).toBe(combinationsOf(workflow.jobs.build!));
        } else if (uses === 'actions/upload-pages-artifact') ci.upload('github-pages', [String(inputs.path)]);
        else if (uses === 'actions/deploy-pages') deployed = ci.artifact('github-pages');
        else throw new Error(`${name}: a step the runner does not know: ${step.uses}`);
      }
      const summary = path.join(ci.workdir, '.summary');
      if (existsSync(summary)) summaries[name] = readFileSync(summary, 'utf8');
      for (const [target, key] of cached) ci.saveCache(target, key);
    }
  }
  return { ran, deployed, summaries };
}

/** What one build and publish of everything, without any cache, gives in the same clone: the site. */
function onePublication(ci: CiService): Map<string, Buffer> {
  oneBuild(ci);
  const result = runCli(['publish', 'ordinance/', '--out', 'one-build', '--quiet'], ci.workdir);
  expect(result.code, result.stderr).toBe(0);
  return filesBelow(path.join(ci.workdir, 'one-build', 'site'));
}

/** The lines of a build's listing that say what it skipped, reused or built. */
function listed(stderr: string, ending: RegExp): string[] {
  return stderr.split('\n').filter((line) => ending.test(line));
}

describe('the GitHub Actions workflow, run step by step', () => {
  it('on a push: checks, builds in parts that cover every ordinance once, and publishes the site from them byte for byte', () => {
    const origin = cityRepository();
    const ci = new CiService(origin, tempDir('incr-github-'));
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: origin, encoding: 'utf8' }).trim();
    const { ran, deployed } = runGithubWorkflow(ci, { event_name: 'push', ref: 'refs/heads/main', sha, event: {} });
    expect(ran).toEqual(['check', 'build {"shard":1}', 'build {"shard":2}', 'build {"shard":3}', 'build {"shard":4}', 'site', 'deploy']);

    // The parts built every ordinance once.
    const parts = [1, 2, 3, 4].map((shard) => slugs(path.join(ci.artifact(`ordinance-shard-${shard}`), 'dist')));
    expect(parts.flat().sort()).toEqual(['la-sanctuary-city', 'stop-records', 'title-97']);
    // The site reused every ordinance from the parts, and is what one build and publish of everything gives.
    const assemble = ci.runs.find((r) => r.job === 'site' && r.step.startsWith('Assemble'))!;
    expect(listed(assemble.stderr, /\(unchanged: reused\)$/)).toHaveLength(3);
    expect(deployed).not.toBeNull();
    const site = filesBelow(path.join(deployed!, 'dist', 'site'));
    expect([...site.keys()]).toEqual(expect.arrayContaining(['index.html', 'manifest.json', 'SHA256SUMS', 'ordinances/la-sanctuary-city/index.html']));
    expect(site).toEqual(onePublication(ci));
  });

  it('on a pull request: builds only the ordinance it changed, attaches its redline, and deploys nothing', () => {
    const origin = cityRepository();
    const ci = new CiService(origin, tempDir('incr-github-pr-'));
    const { base, head } = pullRequest(origin);
    const github = { event_name: 'pull_request', ref: 'refs/pull/1/merge', sha: head, event: { pull_request: { base: { sha: base } } } };
    const { ran, deployed, summaries } = runGithubWorkflow(ci, github);
    expect(ran).toEqual(['check', 'build {"shard":1}', 'build {"shard":2}', 'build {"shard":3}', 'build {"shard":4}', 'redline']);
    expect(deployed).toBeNull();
    // Only the changed ordinance was built, in exactly one part; each part says what it skipped.
    const parts = [1, 2, 3, 4].map((shard) => slugs(path.join(ci.artifact(`ordinance-shard-${shard}`), 'dist')));
    expect(parts.flat()).toEqual(['la-sanctuary-city']);
    const builds = ci.runs.filter((r) => r.job === 'build');
    expect(builds.flatMap((r) => listed(r.stderr, /unchanged since/)).length).toBeGreaterThan(0);
    // The redline: in the job summary and as an artifact, struck and inserted words, and the PDF.
    const redline = path.join(ci.artifact('redline'));
    const markdown = readFileSync(path.join(redline, 'redline.md'), 'utf8');
    expect(markdown).toContain('<ins>never</ins>');
    expect(summaries.redline).toBe(markdown);
    expect(
      readFileSync(path.join(redline, 'redline', 'la-sanctuary-city', 'redline.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});

function combinationsOf(job: Job): number {
  return Object.values(job.strategy?.matrix ?? {})[0]?.length ?? 1;
}

// The GitLab pipeline's shapes, as far as the runner reads them.
interface GitlabJob {
  stage: string;
  parallel?: number;
  rules?: { if: string }[];
  needs?: string[];
  cache?: { key: string; paths: string[] };
  script: string[];
  artifacts?: { paths: string[] };
}

/** A rule's `if:` of the two forms the template uses: `$A == "text"` and `$A == $B`. */
function ruleHolds(rule: string, variables: Record<string, string>): boolean {
  const match = /^\$(\w+) == (?:"([^"]*)"|\$(\w+))$/.exec(rule.trim());
  if (!match) throw new Error(`a rule the runner does not read: ${rule}`);
  return (variables[match[1]!] ?? '') === (match[2] ?? variables[match[3]!] ?? '');
}

/** Run the GitLab pipeline's jobs, stage by stage, with the predefined variables of one pipeline; returns the jobs run. */
function runGitlabPipeline(ci: CiService, predefined: Record<string, string>): string[] {
  const pipeline = parseYaml(readFileSync(GITLAB, 'utf8')) as Record<string, unknown> & {
    stages: string[];
    variables: Record<string, string>;
    default: { before_script: string[] };
  };
  expect(pipeline.default.before_script).toEqual(['npm ci']);
  const jobs = Object.entries(pipeline).filter(([, value]) => value && typeof value === 'object' && 'script' in value) as [string, GitlabJob][];
  const ran: string[] = [];
  const done: string[] = [];
  for (const stage of pipeline.stages) {
    for (const [name, job] of jobs.filter(([, j]) => j.stage === stage)) {
      const variables = { ...pipeline.variables, ...predefined };
      if (job.rules && !job.rules.some((rule) => ruleHolds(rule.if, variables))) continue;
      const nodes = job.parallel ?? 1;
      for (let node = 1; node <= nodes; node++) {
        const instance = nodes > 1 ? `${name} ${node}/${nodes}` : name;
        ran.push(instance);
        const env: Record<string, string> = { ...variables, ...(nodes > 1 ? { CI_NODE_INDEX: String(node), CI_NODE_TOTAL: String(nodes) } : {}) };
        ci.checkout();
        // The artifacts of the jobs it needs, else of every job of the stages before.
        ci.download((artifact) => (job.needs ?? done).some((need) => artifact === need || artifact.startsWith(`${need} `)));
        const key = job.cache ? job.cache.key.replace(/\$(\w+)/g, (_, v: string) => env[v] ?? '') : null;
        if (key) ci.restoreCache(job.cache!.paths[0]!, key);
        ci.install(); // before_script: npm ci
        // The script's lines run in one shell, in order, stopping at the first that fails.
        ci.shell(instance, job.script.join('\n'), job.script.join('\n'), env);
        if (key) ci.saveCache(job.cache!.paths[0]!, key);
        if (job.artifacts) ci.upload(nodes > 1 ? `${name} ${node}` : name, job.artifacts.paths);
      }
      done.push(name);
    }
  }
  return ran;
}

describe('the GitLab CI pipeline, run job by job', () => {
  it('on a push to the default branch: checks, builds in parallel parts that cover every ordinance once, and publishes the pages from them byte for byte', () => {
    const origin = cityRepository();
    const ci = new CiService(origin, tempDir('incr-gitlab-'));
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: origin, encoding: 'utf8' }).trim();
    const ran = runGitlabPipeline(ci, { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: sha });
    expect(ran).toEqual(['check', 'build 1/4', 'build 2/4', 'build 3/4', 'build 4/4', 'pages']);
    expect(existsSync(path.join(ci.artifact('check'), 'ordinance.sarif'))).toBe(true);
    const parts = [1, 2, 3, 4].map((node) => slugs(path.join(ci.artifact(`build ${node}`), 'dist')));
    expect(parts.flat().sort()).toEqual(['la-sanctuary-city', 'stop-records', 'title-97']);
    const assemble = ci.runs.find((r) => r.job === 'pages')!;
    expect(listed(assemble.stderr, /\(unchanged: reused\)$/)).toHaveLength(3);
    expect(filesBelow(path.join(ci.artifact('pages'), 'public'))).toEqual(onePublication(ci));
  });

  it('on a merge request: builds only the ordinance it changed, exposes its redline, and publishes nothing', () => {
    const origin = cityRepository();
    const ci = new CiService(origin, tempDir('incr-gitlab-mr-'));
    const { base, head } = pullRequest(origin);
    const ran = runGitlabPipeline(ci, {
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_DEFAULT_BRANCH: 'main',
      CI_COMMIT_SHA: head,
      CI_MERGE_REQUEST_DIFF_BASE_SHA: base,
    });
    expect(ran).toEqual(['check', 'build 1/4', 'build 2/4', 'build 3/4', 'build 4/4', 'redline']);
    const parts = [1, 2, 3, 4].map((node) => slugs(path.join(ci.artifact(`build ${node}`), 'dist')));
    expect(parts.flat()).toEqual(['la-sanctuary-city']);
    expect(readFileSync(path.join(ci.artifact('redline'), 'redline.md'), 'utf8')).toContain('<ins>never</ins>');
    expect(
      readFileSync(path.join(ci.artifact('redline'), 'redline', 'la-sanctuary-city', 'redline.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
