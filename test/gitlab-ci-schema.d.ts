/** GitLab's CI schema (draft-07 JSON Schema), as gitlab-ci-local ships it. */
declare module 'gitlab-ci-local/src/schema/schema.js' {
  export const schema: Record<string, unknown>;
}
