/** `trade-sim compare`: paired comparison of scenarios on common random numbers. */
import { UsageError } from './errors.js';

export async function compareCommand(_argv: string[]): Promise<void> {
  throw new UsageError('compare: not available in this build');
}
