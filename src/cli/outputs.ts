import type { Summary } from '../results/summary.js';
export async function writeOutputs(_summary: Summary, _dir: string): Promise<string | undefined> { return undefined; }
