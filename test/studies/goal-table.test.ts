/** goal's terminal text writes its number of paths as every other command does: 10,000, not 10000. */
import { describe, expect, it } from 'vitest';
import { goalTable } from '../../src/studies/goal/write.js';
import type { GoalSummary } from '../../src/studies/goal/goal.js';

describe('goal table', () => {
  it('groups the thousands of the paths', () => {
    const g = { answer: 'x = 1', byLabel: '2030', curve: [], paths: 12_288, seed: 5, fields: ['byDirection.PK>KZ.growth'] } as unknown as GoalSummary;
    expect(goalTable(g)).toContain('\n12,288 paths, seed 5, the same paths for every value;');
  });
});
