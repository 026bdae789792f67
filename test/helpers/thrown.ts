/** What a call threw, synchronously or as a rejection: for tests of errors. */

/** The value `fn` throws or its promise rejects with; fails the test when it returns. */
export async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** The same, for a call that must throw an Error (anything else fails the test). */
export async function thrownError(fn: () => unknown): Promise<Error> {
  const e = await thrown(fn);
  if (e instanceof Error) return e;
  throw new Error(`threw a non-Error: ${String(e)}`, { cause: e });
}
