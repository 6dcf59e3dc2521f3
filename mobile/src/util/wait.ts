/** Resolves after ms; injectable in tests via jest fake timers. */
export const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Repeats `attempt` until it returns a value (not undefined), at most `times`, `everyMs` apart. */
export async function poll<T>(attempt: () => Promise<T | undefined>, times: number, everyMs: number) {
  for (let i = 0; i < times; i++) {
    const value = await attempt();
    if (value !== undefined) {
      return value;
    }
    await pause(everyMs);
  }
  return undefined;
}
