/**
 * Each command takes only the options it declares: another command's option is refused with exit
 * 2, naming the option; a misspelt command or option gets the nearest as a suggestion. The full
 * matrix runs in-process against the real declarations (commander refuses before any command
 * code runs); a few cases run the built CLI for the exit code and the message's form.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { CommandSpec } from '../../src/cli/commands/spec.js';
import { UsageError } from '../../src/cli/errors.js';
import { runArgs } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../helpers/scenario-files.js';

/** The declarations with actions that only record what they were given. */
function recording(): { commands: CommandSpec[]; calls: Array<{ name: string; words: string[]; options: Record<string, unknown> }> } {
  const calls: Array<{ name: string; words: string[]; options: Record<string, unknown> }> = [];
  const commands = COMMANDS.map((c) => ({ ...c, action: async (words: string[], options: Readonly<Record<string, unknown>>) => { calls.push({ name: c.name, words, options: { ...options } }); } }));
  return { commands, calls };
}

async function usageError(argv: string[]): Promise<UsageError> {
  const { commands, calls } = recording();
  const err = await runCli(argv, commands).then(() => undefined, (e: unknown) => e);
  expect(calls, `${argv.join(' ')} ran`).toEqual([]);
  expect(err, argv.join(' ')).toBeInstanceOf(UsageError);
  return err as UsageError;
}

const foreign = COMMANDS.flatMap((c) => COMMANDS.filter((other) => other !== c).flatMap((other) => other.options
  .filter((o) => !c.options.some((mine) => mine.long === o.long))
  .map((o) => ({ command: c.name, option: `--${o.long}`, value: o.value ? ['1'] : [], owner: other.name }))));

describe('an option of another command', () => {
  it('there are such pairs to test', () => expect(foreign.length).toBeGreaterThan(10));

  it.each(foreign)('$command refuses $option (of $owner), naming it', async ({ command, option, value, owner }) => {
    const err = await usageError([command, 'scenarios/baseline-pk.yaml', option, ...value]);
    expect(err.message).toMatch(new RegExp(`^${command}: Unknown option '${option}' \\(an option of [a-z ,]*\\b${owner}\\b`));
    expect(err.hint).toContain(`trade-sim ${command} --help`);
  });

  it('exits 2 from the shell, with the message and the usage line', () => {
    const r = cli(['validate', 'scenarios/baseline-pk.yaml', '--paths', '5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: validate: Unknown option '--paths' (an option of run, compare, sensitivity, goal and backtest, not of validate)\nusage: trade-sim validate FILE... [options]; see trade-sim validate --help\n");
  });
});

describe('suggestions', () => {
  it.each([
    [['run', 'x.yaml', '--path', '5'], "run: Unknown option '--path'; did you mean --paths?"],
    [['run', 'x.yaml', '--seeds', '5'], "run: Unknown option '--seeds'; did you mean --seed?"],
    [['compare', 'a.yaml', 'b.yaml', '--worker', '2'], "compare: Unknown option '--worker'; did you mean --workers?"],
    [['run', 'x.yaml', '--jsn'], "run: Unknown option '--jsn'; did you mean --json?"],
    [['validate', 'x.yaml', '--stict'], "validate: Unknown option '--stict'; did you mean --strict?"],
    [['new', 'x', '--form', 'a.yaml'], "new: Unknown option '--form'; did you mean --from?"],
    [['rnu', 'x.yaml'], 'unknown command "rnu"; expected run, validate, compare, sensitivity, goal, calibrate, backtest, merge, worker, new, completion, help; did you mean run?'],
    [['valdate', 'x.yaml'], 'did you mean validate?'],
    [['help', 'compair'], 'unknown command "compair"; expected run, validate, compare, sensitivity, goal, calibrate, backtest, merge, worker, new, completion, help; did you mean compare?'],
  ])('%j: "%s"', async (argv, message) => {
    expect((await usageError(argv)).message).toContain(message);
  });

  it('from the shell: exit 2', () => {
    const r = cli(['run', 'scenarios/baseline-pk.yaml', '--path', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: run: Unknown option '--path'; did you mean --paths?\n");
  });
});

describe('what a command is given', () => {
  it('run: values parsed, defaults left to the run', async () => {
    const { commands, calls } = recording();
    expect(await runCli(['run', 'a.yaml', '-n', '1_000', '--seed=7', '--no-charts', '--json'], commands)).toBe(0);
    expect(calls).toEqual([{ name: 'run', words: ['a.yaml'], options: { paths: 1000, seed: 7, charts: false, json: true } }]);
  });

  it('a value that does not parse is refused with the message of old', async () => {
    expect((await usageError(['run', 'a.yaml', '--workers', '0'])).message).toBe('--workers: expected a whole number from 1 to 256, found "0"');
    expect((await usageError(['run', 'a.yaml', '--paths'])).message).toBe('run: --paths: expected N, found nothing');
  });
});

describe('whole numbers: "_" only between digits, an exponent after them', () => {
  it.each([['10_000', 10000], ['1_000_000', 1000000], ['1e4', 10000], ['1E5', 100000], ['2e0', 2], ['1e1_0', 1e10]])('--seed %s is %d', async (text, value) => {
    const { commands, calls } = recording();
    expect(await runCli(['run', 'a.yaml', '--seed', text], commands)).toBe(0);
    expect(calls[0]?.options).toMatchObject({ seed: value });
  });

  it.each(['_100', '100_', '10_000_', '10__000', '1_e4', '1e4_', '1e_4', '1_e_4'])('--paths %s is refused, saying where "_" goes', async (text) => {
    expect((await usageError(['run', 'a.yaml', '--paths', text])).message)
      .toBe(`--paths: expected a whole number from 1 to 1000000000 ("_" goes only between two digits, as in 10_000), found "${text}"`);
  });

  it('so are --workers, --seed, --max-paths and calibrate --from', async () => {
    for (const [argv, option] of [
      [['run', 'a.yaml', '--workers', '_2'], 'workers'],
      [['run', 'a.yaml', '--seed', '7_'], 'seed'],
      [['run', 'a.yaml', '--precision', '0.01', '--max-paths', '1_e6'], 'max-paths'],
      [['calibrate', 'h.yaml', '--series', 's', '--from', '2_020_'], 'from'],
    ] as const) {
      expect((await usageError([...argv])).message).toMatch(new RegExp(`^--${option}: expected a whole number from \\d+ to \\d+ \\("_" goes only between two digits`));
    }
  });
});

describe('--precision and --max-paths', () => {
  it('parse a decimal and a whole number; out of range or not a number is refused', async () => {
    const { commands, calls } = recording();
    expect(await runCli(['compare', 'a.yaml', 'b.yaml', '--precision', '5e-3', '--max-paths', '200_000'], commands)).toBe(0);
    expect(calls[0]?.options).toMatchObject({ precision: 0.005, maxPaths: 200000 });
    expect((await usageError(['run', 'a.yaml', '--precision', '0'])).message).toBe('--precision: expected a number from 0.00001 to 0.5, found "0"');
    expect((await usageError(['run', 'a.yaml', '--precision', 'half'])).message).toBe('--precision: expected a number from 0.00001 to 0.5, found "half"');
  });

  it('--paths with --precision, or --max-paths without it, is refused naming both', () => {
    expect(() => runArgs(['a.yaml'], { paths: 1000, precision: 0.01 })).toThrow(/--paths and --precision: give one/);
    expect(() => runArgs(['a.yaml'], { maxPaths: 1000 })).toThrow(/--max-paths: a cap for --precision/);
    expect(runArgs(['a.yaml'], { precision: 0.01, maxPaths: 1000 })).toMatchObject({ precision: 0.01, maxPaths: 1000, paths: undefined });
  });
});
