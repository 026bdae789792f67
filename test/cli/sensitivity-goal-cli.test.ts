/**
 * The `sensitivity` and `goal` commands end to end: the files they write (sensitivity.json in the
 * issue's shape, the CSV, charts that compile without a Vega-Lite warning, the report; goal.json, its chart and report),
 * and bad arguments refused with exit code 2, a message naming the option, and nothing written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { expectChartsCompile } from '../helpers/charts.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const FILE = 'test/fixtures/compare/customs.yaml';

describe('trade-sim sensitivity', () => {
  it('writes sensitivity.json, the CSV, the charts and the report', () => {
    const out = join(dir.path, 'sens');
    const r = cli(['sensitivity', FILE, '--paths', '2048', '--seed', '3', '--by', '2029', '--group', 'routes=corridors.*', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/What drives P\(reached \$1B by 2029\)/);
    const s = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(s.format).toBe('trade-sim/sensitivity/v1');
    expect(s.by).toBe(2029);
    const names = s.inputs.map((i: { name: string }) => i.name);
    expect(names).toContain('shocks');
    expect(names).toContain('agreements.customs');
    expect(s.inputs.find((i: { name: string }) => i.name === 'routes').components).toEqual(['corridor:afghan-road:regime']);
    for (const i of s.inputs) {
      for (const o of ['reached', 'total', 'logTotal']) {
        const e = i[o];
        if (e.first) expect(e.first.low).toBeLessThanOrEqual(e.first.high);
        if (e.total) expect(Object.keys(e.total)).toEqual(['value', 'low', 'high']);
        if (e.swing) expect(Object.keys(e.swing)).toEqual(['low', 'high', 'se']);
      }
    }
    expect(s.inputs.find((i: { name: string }) => i.name === 'agreements.customs').reached.swing).toBeDefined();
    expect(readFileSync(join(out, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('input,output,statistic,value,low,high');
    expectChartsCompile(out, ['sobol', 'tornado'], 'png');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Contribution to variance from one run');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('takes groups from the file\'s sensitivity block, and --group replaces them', () => {
    const file = dir.file('grouped.yaml', `extends: ${join(process.cwd(), FILE)}\nname: grouped\nsensitivity:\n  groups:\n    routes: ["corridors.*"]\n    nothing: ["no.such.*"]\n`);
    const bad = cli(['sensitivity', file, '--paths', '1024', '--method', 'tornado', '--out', join(dir.path, 'g0')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/grouped\.yaml:\d+:\d+: sensitivity\.groups\.nothing\[0\]: expected patterns that match inputs .* found "no\.such\.\*"/);
    const overlapping = dir.file('grouped-overlap.yaml', `extends: ${join(process.cwd(), FILE)}\nname: overlapping\nsensitivity:\n  groups:\n    routes: ["corridors.*"]\n    regimes: ["*.regime"]\n`);
    const both = cli(['sensitivity', overlapping, '--paths', '1024', '--method', 'tornado', '--out', join(dir.path, 'g0')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/grouped-overlap\.yaml:\d+:\d+: sensitivity\.groups: expected each input in one group at most, found corridors\.afghan-road\.regime in "routes" and "regimes"\n/);
    expect(existsSync(join(dir.path, 'g0'))).toBe(false);
    const good = dir.file('grouped2.yaml', `extends: ${join(process.cwd(), FILE)}\nname: grouped2\nsensitivity:\n  groups:\n    routes: ["corridors.*"]\n`);
    const out = join(dir.path, 'g1');
    expect(cli(['sensitivity', good, '--paths', '1024', '--no-charts', '--quiet', '--out', out]).code).toBe(0);
    const names = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')).inputs.map((i: { name: string }) => i.name);
    expect(names).toContain('routes');
    const out2 = join(dir.path, 'g2');
    expect(cli(['sensitivity', good, '--paths', '1024', '--no-charts', '--quiet', '--group', 'noise=shocks', '--out', out2]).code).toBe(0);
    const names2 = JSON.parse(readFileSync(join(out2, 'sensitivity.json'), 'utf8')).inputs.map((i: { name: string }) => i.name);
    expect(names2).toContain('noise');
    expect(names2).toContain('corridors.afghan-road.regime');
  });

  it('refuses a year outside the scenario, an unknown method, a pattern that matches nothing, an input in two groups and two groups of one name, with exit code 2', () => {
    const out = join(dir.path, 'bad');
    for (const [args, msg] of [
      [['--by', '2099'], /--by: expected a year of the scenario, 2026 to 2035, found 2099/],
      [['--method', 'morris'], /--method: expected sobol, tornado or both/],
      [['--group', 'x=nothing.*'], /--group: expected patterns that match inputs .* found "nothing\.\*", which match none/],
      [['--group', 'x=shocks,nothing.*'], /--group: expected patterns that match inputs .* found "nothing\.\*", which match none/],
      [['--group', 'a=shocks;b=shocks'], /^error: --group: expected each input in one group at most, found shocks in "a" and "b"\n/],
      [['--group', 'a=corridors.*,shocks;b=*.regime'], /^error: --group: expected each input in one group at most, found corridors\.afghan-road\.regime in "a" and "b"\n/],
      [['--group', 'x=shocks;x=agreements.*'], /^error: --group: expected each group named once, found "x" twice \(one group takes several patterns: x=shocks,agreements\.\*\)\n/],
      [['--group', 'shocks=agreements.*'], /^error: --group: expected group names that are not names of inputs outside them, found "shocks", the name of an input it does not hold\n/],
    ] as const) {
      const r = cli(['sensitivity', FILE, '--paths', '1024', '--out', out, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('--precision on sensitivity and goal', () => {
  it('stop on the rule, record it in the JSON and say on the last lines what they reached, or that the cap stopped them', () => {
    const sens = join(dir.path, 'sens-precision'), goal = join(dir.path, 'goal-precision');
    const r = cli(['sensitivity', FILE, '--precision', '0.00001', '--max-paths', '2048', '--seed', '3', '--by', '2029', '--method', 'tornado', '--no-charts', '--out', sens]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(sens, 'sensitivity.json'), 'utf8'));
    expect(s.paths).toBe(2048);
    expect(s.precision.stoppingRule).toMatchObject({ asked: 0.00001, maxPaths: 2048, capped: true });
    expect(r.stdout).toMatch(/precision: standard error .*, above the 0.00001 asked: --max-paths 2,048 stopped the run/);
    const g = cli(['goal', FILE, '--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--by', '2030', '--range', '0..0.8', '--precision', '0.02', '--seed', '3', '--out', goal]);
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    const j = JSON.parse(readFileSync(join(goal, 'goal.json'), 'utf8'));
    expect(j.precision.stoppingRule.capped).toBe(false);
    expect(j.precision.stoppingRule.reached).toBeLessThanOrEqual(0.02);
    expect(g.stdout).toMatch(/precision: standard error [\d.e-]+ <= 0.02 asked, after \d+ rounds?/);
  });

  it('refuses --paths with --precision, and --max-paths without it, with exit code 2', () => {
    const both = cli(['sensitivity', FILE, '--paths', '2048', '--precision', '0.01', '--out', join(dir.path, 'never-1')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--paths and --precision/);
    const cap = cli(['goal', FILE, '--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--max-paths', '4096', '--out', join(dir.path, 'never-2')]);
    expect(cap.code).toBe(2);
    expect(cap.stderr).toMatch(/--max-paths/);
    expect(existsSync(join(dir.path, 'never-1')) || existsSync(join(dir.path, 'never-2'))).toBe(false);
  });
});

describe('trade-sim goal', () => {
  it('writes goal.json with the value, its interval and the walked curve', () => {
    const out = join(dir.path, 'goal');
    const r = cli(['goal', FILE, '--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--by', '2030', '--range', '0..0.8', '--paths', '2048', '--seed', '3', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
    expect(g.format).toBe('trade-sim/goal/v1');
    expect(g.fields).toEqual(['flows.textiles.PK>KZ.growth', 'flows.agriculture.PK>KZ.growth']);
    expect(g.found).toBe(true);
    expect(g.low).toBeLessThan(g.value);
    expect(g.value).toBeLessThan(g.high);
    expect(r.stdout.split('\n')[0]).toBe(g.answer);
    const below = g.curve.filter((c: { value: number }) => c.value < g.low), above = g.curve.filter((c: { value: number }) => c.value > g.high);
    expect(Math.max(...below.map((c: { probability: number }) => c.probability))).toBeLessThan(0.5);
    expect(Math.min(...above.map((c: { probability: number }) => c.probability))).toBeGreaterThan(0.5);
    expect(r.stdout).toContain(`report: ${join(out, 'report.html')}`);
  });

  it('draws the walked curve, the probability asked and the answer in a chart and report.html, or neither with --no-charts', () => {
    const common = ['goal', FILE, '--lever', 'agreements.customs.probability', '--by', '2030', '--range', '0..1', '--paths', '2048', '--seed', '4', '--json', '--quiet'];
    const drawn = (probability: string, out: string) => {
      const r = cli([...common, '--probability', probability, '--out', out]);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).report).toBe(join(out, 'report.html'));
      expectChartsCompile(out, ['goal-curve'], 'png');
      const spec = JSON.parse(readFileSync(join(out, 'charts', 'goal-curve.vl.json'), 'utf8'));
      const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
      const layer = (name: string) => spec.layer.find((l: { name: string }) => l.name === name);
      // Every value simulated is a point, at its probability, with a 95% interval that holds it.
      const points = layer('curve').data.values;
      expect(points.map((p: { value: number; p: number }) => [p.value, p.p])).toEqual(g.curve.map((c: { value: number; probability: number }) => [c.value, c.probability]));
      for (const p of points) expect(p.lo <= p.p && p.p <= p.hi && p.hi - p.lo > 0).toBe(true);
      expect(layer('asked').data.values[0].p).toBe(Number(probability));
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).not.toMatch(/<script[^>]+src=/);
      expect(html).toContain('goal-curve.png');
      return { g, layer, html };
    };
    // Over 0..1 the customs agreement's probability moves P(reached by 2030) from about 0.10 to 0.25.
    const found = drawn('0.2', join(dir.path, 'goal-found'));
    expect(found.g.found).toBe(true);
    expect(found.layer('answer').data.values[0].value).toBe(found.g.value);
    expect(found.layer('answer-interval').data.values[0]).toEqual({ low: found.g.low, high: found.g.high });
    expect(found.html).toContain(found.g.answer);
    const none = drawn('0.3', join(dir.path, 'goal-none'));
    expect(none.g.found).toBe(false);
    expect(none.layer('answer')).toBeUndefined();
    expect(none.html).toContain('none in the range');
    expect(none.html).toContain(none.g.answer);
    const bare = join(dir.path, 'goal-bare');
    const b = cli([...common, '--probability', '0.2', '--no-charts', '--out', bare]);
    expect(JSON.parse(b.stdout).report).toBeNull();
    expect(existsSync(join(bare, 'report.html')) || existsSync(join(bare, 'charts'))).toBe(false);
    // The chart and report change no number: the same goal.json without them.
    expect(readFileSync(join(bare, 'goal.json'), 'utf8')).toBe(readFileSync(join(dir.path, 'goal-found', 'goal.json'), 'utf8'));
  });

  it('writes a lever of money in USD: the answer, the table, the chart\'s axis and the report', () => {
    const out = join(dir.path, 'goal-money');
    const r = cli(['goal', FILE, '--lever', 'flows.*.PK>KZ.base', '--probability', '0.3', '--by', '2030', '--paths', '2048', '--seed', '4', '--out', out]);
    expect(r.stderr).toBe('');
    const g = JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8'));
    expect(g.found).toBe(true);
    // The numbers stay numbers in goal.json; the text writes them as money.
    expect(g.value).toBeGreaterThan(1e6);
    expect(g.answer).toMatch(/^flows\.\*\.PK>KZ\.base = \$[\d.]+M \(95% Monte Carlo interval \$[\d.]+M to \$[\d.]+M\) gives P\(reached by 2030\) = 0\.3\.$/);
    const rows = r.stdout.split('\n').filter((l) => /^\$[\d.]+[kMB]?\s+[\d.]+% ± /.test(l));
    expect(rows).toHaveLength(g.curve.length);
    const spec = JSON.parse(readFileSync(join(out, 'charts', 'goal-curve.vl.json'), 'utf8'));
    const x = spec.layer.find((l: { name: string }) => l.name === 'curve').encoding.x;
    expect(x.axis.title).toBe('flows.*.PK>KZ.base (USD)');
    expect(x.axis.labelExpr).toContain("'$'");
    // The report escapes the answer's '>' (PK>KZ).
    expect(readFileSync(join(out, 'report.html'), 'utf8').includes(g.answer.replace(/>/g, '&gt;'))).toBe(true);
  });

  it('refuses a missing lever, a probability outside (0, 1), a lever that names no field or no parameter, and a range the lever does not accept, with exit code 2', () => {
    for (const [args, msg] of [
      [['--probability', '0.5'], /goal: expected --lever PATH/],
      [['--lever', 'flows.*.PK>KZ.growth', '--probability', '1'], /--probability: expected a number between 0 and 1/],
      [['--lever', 'flows.*.XX.growth', '--probability', '0.5'], /--lever: expected a field path of the scenario .* found "flows\.\*\.XX\.growth", which names no field/],
      [['--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--range', '3..1'], /--range: expected LO\.\.HI with LO < HI/],
      [['--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--range', '0..5'], /^error: --range: expected values that flows\.textiles\.PK>KZ\.growth accepts \(a value >= -1 and <= 2\), found 0\.\.5, whose HI 5 is not\n/],
      [['--lever', 'agreements.customs.probability', '--probability', '0.5', '--range', '-0.5..0.5'], /^error: --range: expected values that agreements\.customs\.probability accepts \(a probability in \[0, 1\]\), found -0\.5\.\.0\.5, whose LO -0\.5 is not\n/],
      ...['horizon', 'stepsPerYear', 'fiscalYearStartMonth', 'target.value', 'correlation.sameSector'].map((lever) =>
        [['--lever', lever, '--probability', '0.5', '--range', '1..2'], new RegExp(`^error: --lever: expected a number of the model that goal can set: a flow parameter \\(base, growth, .*; or agreements\\.NAME\\.\\(probability, delay\\); found "${lever}", which is not one\n`)] as const),
      [['--lever', 'flows.*.PK>KZ.growth,corridors.*.*', '--probability', '0.5', '--range', '1..2'], /--lever: expected a number of the model .* found "corridors\.\*\.\*" \(corridors\.northern\.closedMonths\), which is not one/],
    ] as const) {
      const r = cli(['goal', FILE, '--paths', '1024', '--out', join(dir.path, 'nothing'), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toContain('customs.yaml');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir.path, 'nothing'))).toBe(false);
  });
});
