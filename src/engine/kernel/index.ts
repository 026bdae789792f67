/**
 * The kernel: the path simulator (simulator.ts) and its parts. What the rest of the engine and
 * the studies use is exported here.
 */
import { zigguratTables } from '../normals.js';
import { levelsFixed, levelsGeneral, observe } from './levels.js';

export { BLOCK, CHUNK, seriesCount, type BlockResult, type ChunkResult } from './layout.js';
export { ChunkSimulator } from './simulator.js';
export { fillShocks, makeCorrelate } from './shocks.js';

/** Parts of the kernel that its tests compare with their wasm twins. */
export const kernelParts = { KN: zigguratTables.KN, WN: zigguratTables.WN, FN: zigguratTables.FN, levelsFixed, levelsGeneral, observe };
