/**
 * Paths at the target, counted per block where the block's annual totals are (simulator.ts bin():
 * kernel.wat blockHits where wasm runs, this where not; the same counts).
 */

/**
 * Of n paths' annual totals (year y's row at annual[at + y * stride ...]), per year the paths at
 * the target (under the sustained rule, `need` > 1, its last `need` years' totals all at it) into
 * out[hitsAt + y], and per year the paths whose first such year it is into out[firstAt + y]
 * (out[firstAt + years]: never). Counts as doubles, zeroed first.
 */
export function blockHits(
  annual: Float64Array, at: number, years: number, stride: number, n: number, target: number, need: number,
  out: Float64Array, hitsAt: number, firstAt: number,
): void {
  out.fill(0, hitsAt, hitsAt + years);
  out.fill(0, firstAt, firstAt + years + 1);
  for (let p = 0; p < n; p++) {
    let run = 0, first = years;
    for (let y = 0; y < years; y++) {
      run = (annual[at + y * stride + p] as number) >= target ? run + 1 : 0;
      if (run >= need) {
        out[hitsAt + y] = (out[hitsAt + y] as number) + 1;
        if (first === years) first = y;
      }
    }
    out[firstAt + first] = (out[firstAt + first] as number) + 1;
  }
}
