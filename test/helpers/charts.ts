/** Checks shared by the tests of commands that write charts. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CollectingLogger, compileSpec } from '../../src/charts/render.js';

/** Each chart's Vega-Lite spec in `out/charts` compiles without a warning, and its image exists. */
export function expectChartsCompile(out: string, names: readonly string[], image: 'svg' | 'png'): void {
  for (const name of names) {
    const spec = JSON.parse(readFileSync(join(out, 'charts', `${name}.vl.json`), 'utf8'));
    const logger = new CollectingLogger();
    compileSpec(spec, logger);
    expect(logger.messages, name).toEqual([]);
    expect(existsSync(join(out, 'charts', `${name}.${image}`)), `${name}.${image}`).toBe(true);
  }
}
