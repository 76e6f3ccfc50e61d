/**
 * The mutation flow, loaded when a command runs rather than when its module is: a command's `--help`
 * then loads only its commander wiring (start-up targets in docs/performance.md).
 */
export async function loadMutationFlow() {
  const [{ bindMutation }, { resolveEnv }, { runMutation }] = await Promise.all([
    import('../app/mutation/definition.js'),
    import('../app/env.js'),
    import('../app/mutation/run.js'),
  ]);
  return { bindMutation, resolveEnv, runMutation };
}
