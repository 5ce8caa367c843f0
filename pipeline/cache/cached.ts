/**
 * Caching as a wrapper around a stage: the stage itself knows nothing of it.
 * A hit returns the remembered output without running the stage; a miss runs
 * it and remembers what it gave.
 */

/** Remembers a stage's outputs by input. */
export interface StageCache<Input, Output> {
  /** The remembered output for `input`, or null when the stage must run. */
  get(input: Input): Output | null;
  set(input: Input, output: Output): void;
}

/** `stage`, answered from `cache` where it can be (the stage as is when there is no cache). */
export function cached<Input, Output>(stage: (input: Input) => Output, cache: StageCache<Input, Output> | null | undefined): (input: Input) => Output {
  if (!cache) return stage;
  return (input) => {
    const hit = cache.get(input);
    if (hit) return hit;
    const output = stage(input);
    cache.set(input, output);
    return output;
  };
}
