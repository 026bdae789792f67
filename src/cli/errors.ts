/** Errors the CLI turns into exit codes: 2 for bad input (scenario or arguments), 1 for the rest. */
export class UsageError extends Error {
  /** What main.ts prints after the message: the command's usage line (program.ts adds it). */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
