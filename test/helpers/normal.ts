/** The standard normal CDF of the tests: W. J. Cody's erfc, kept in src/results/normal.ts for the scores. */
export { erfc, normalCdf } from '../../src/results/normal.js';
