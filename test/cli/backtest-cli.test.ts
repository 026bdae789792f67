/**
 * `trade-sim backtest` end to end: the files it writes (backtest.json, the CSV, charts that compile
 * without a Vega-Lite warning, the report), the same bits for 1 and 2 workers, and bad input
 * refused with exit code 2, a message naming the file and what was wrong, and nothing written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { expectChartsCompile } from '../helpers/charts.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const KZ = 'scenarios/baseline-kz.yaml';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('trade-sim backtest', () => {
  it('writes backtest.json, the CSV, the charts and the report for rolling origins', () => {
    const out = join(dir.path, 'kz');
    const r = cli(['backtest', KZ, '--origins', '2021..2024', '--paths', '2048', '--seed', '3', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Back-test of baseline-kz against scenarios\/history\.yaml/);
    expect(r.stdout).toMatch(/Skipped: origin 2024: no whole-year observation after it to score/);
    expect(r.stdout).toMatch(/Partial-year observations are not scored/);
    const s = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    expect(s.format).toBe('trade-sim/backtest/v1');
    expect(s.origins.map((o: { origin: number }) => o.origin)).toEqual([2021, 2022, 2023]);
    // Whole years after each origin, total and directions (history.yaml): 2021 -> 2022-24 totals,
    // 2023 PK>KZ, 2023-24 KZ>PK (6); 2022 -> 5; 2023 -> 2024 total and KZ>PK (2).
    expect(s.origins.map((o: { scored: unknown[] }) => o.scored.length)).toEqual([6, 5, 2]);
    expect(s.aggregate.all[0].count).toBe(13);
    const csv = readFileSync(join(out, 'backtest.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('origin,series_key,series,year,year_label,horizon,outcome_usd,forecaster,pit,lower50,upper50,covered50,lower90,upper90,covered90,crps_usd,log_score');
    expect(csv.length).toBe(1 + 13 * 3);
    expectChartsCompile(out, ['backtest-fan', 'backtest-pit', 'backtest-coverage'], 'svg');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Back-test scores');
    expect(html).not.toMatch(/<script[^>]+src=/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.study).toEqual({ kind: 'backtest', origins: [2021, 2022, 2023], skipped: [2024], history: 'scenarios/history.yaml' });
  });

  it('gives the same bits for 1 and 2 workers as in this thread', () => {
    const hashes = [undefined, 1, 2].map((w) => {
      const out = join(dir.path, `w${w ?? 0}`);
      const r = cli(['backtest', 'scenarios/baseline-pk.yaml', '--origin', '2024', '--paths', '3000', '--seed', '11', '--no-charts', '--quiet', '--out', out, ...(w ? ['--workers', String(w)] : [])]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).workers).toBe(w ?? 0);
      return sha(join(out, 'backtest.json'));
    });
    expect(new Set(hashes).size).toBe(1);
  });

  it('refuses an origin without an observation: exit 2, the years there are, nothing written', () => {
    const out = join(dir.path, 'bad-origin');
    const r = cli(['backtest', KZ, '--origin', '2019', '--paths', '1024', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenarios\/baseline-kz\.yaml: origin 2019: no whole-year observation in 2019 .*kazakhstan-stat: 2021, 2022, 2023, 2024/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a scenario without historySeries, or naming a series that is not there: exit 2, file, line and field', () => {
    const none = dir.file('none.yaml', `extends: ${join(process.cwd(), KZ)}\nname: none\nhistory: ${join(process.cwd(), 'scenarios/history.yaml')}\nhistorySeries: null\n`);
    const r1 = cli(['backtest', none, '--origin', '2023', '--out', join(dir.path, 'n1')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/historySeries: expected "historySeries" naming the series of .*history\.yaml .* found none/);
    const wrong = dir.file('wrong.yaml', `extends: ${join(process.cwd(), KZ)}\nname: wrong\nhistory: ${join(process.cwd(), 'scenarios/history.yaml')}\nhistorySeries: { total: kazakhstan-stat, "KZ>PK": kazakhstan-stat-imports }\n`);
    const r2 = cli(['backtest', wrong, '--origin', '2023', '--out', join(dir.path, 'n2')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/wrong\.yaml:4:\d+: historySeries\.KZ>PK: expected a series of .*history\.yaml recording KZ>PK, found "kazakhstan-stat-imports", which records PK>KZ/);
    const missing = dir.file('missing.yaml', `extends: ${join(process.cwd(), KZ)}\nname: missing\nhistory: ${join(process.cwd(), 'scenarios/history.yaml')}\nhistorySeries: { total: no-such-series }\n`);
    const r3 = cli(['backtest', missing, '--origin', '2023', '--out', join(dir.path, 'n3')]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/historySeries\.total: expected a series of .*history\.yaml, one of .*; found "no-such-series"/);
    for (const d of ['n1', 'n2', 'n3']) expect(existsSync(join(dir.path, d))).toBe(false);
  });

  it('refuses a history file with a value of 0, or two whole-year figures for one year, in every command that reads it: exit 2, file, line and field, nothing written', () => {
    const history = readFileSync('scenarios/history.yaml', 'utf8');
    const line = (text: string, what: string) => text.split('\n').findLastIndex((l) => l === what) + 1;
    const bad = [
      { name: 'zero', text: history.replace('        value: 73.5M\n', '        value: 0\n'), field: 'value', message: 'expected a value above 0 (the model is of the log level), found 0' },
      { name: 'twice', text: history.replace('        period: "2023"\n', '        period: "2022"\n').replace(/( {6}- year: )2023(\n {8}period: "2022")/, '$12022$2'), field: 'year', message: 'found two whole-year figures for 2022' },
    ];
    for (const b of bad) {
      expect(b.text).not.toBe(history);
      const file = dir.file(`${b.name}/history.yaml`, b.text);
      const at = b.field === 'value' ? line(b.text, '        value: 0') : line(b.text, '        period: "2022"') - 1;
      const scenario = dir.file(`${b.name}/kz.yaml`, `extends: ${join(process.cwd(), KZ)}\nname: ${b.name}\nhistory: history.yaml\n`);
      const where = new RegExp(`${b.name}/history\\.yaml:${at}:\\d+: series\\.kazakhstan-stat\\.points\\.\\d+\\.${b.field}: [^\\n]*${b.message.replace(/[()]/g, '\\$&')}`);
      const out = join(dir.path, b.name, 'out');
      for (const args of [['validate', scenario], ['run', scenario, '--paths', '100', '--no-charts', '--out', out], ['backtest', scenario, '--origin', '2022', '--paths', '100', '--out', out], ['calibrate', file, '--series', 'kazakhstan-stat']]) {
        const r = cli(args);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(where);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses --origin with --origins, and a malformed range', () => {
    expect(cli(['backtest', KZ, '--origin', '2023', '--origins', '2021..2023']).stderr).toMatch(/--origin and --origins: give one/);
    const r = cli(['backtest', KZ, '--origins', '2023..2021']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--origins: expected a range of years A\.\.B with A <= B/);
  });
});
