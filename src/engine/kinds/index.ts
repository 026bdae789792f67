/** The aggregator kinds by name: how a worker (a thread, or a process elsewhere) finds a study's kind. */
import type { AnyKind } from '../kind.js';
import { means } from './means.js';
import { paired } from './paired.js';
import { single } from './single.js';
import { sobol } from './sobol.js';
import { swing } from './swing.js';

const KINDS: ReadonlyMap<string, AnyKind> = new Map<string, AnyKind>([single, paired, sobol, swing, means].map((k) => [k.name, k]));

export function kindByName(name: string): AnyKind {
  const kind = KINDS.get(name);
  if (!kind) throw new Error(`internal: no aggregator kind "${name}" (known: ${[...KINDS.keys()].join(', ')})`);
  return kind;
}

export { single, paired, sobol, swing, means };
