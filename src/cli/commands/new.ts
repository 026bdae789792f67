/** `trade-sim new NAME --from FILE`. */
import { UsageError } from '../errors.js';
import type { CommandSpec } from './spec.js';

export const newScenario: CommandSpec = {
  name: 'new',
  summary: 'Start a variant of a scenario: NAME.yaml extends FILE and lists the levers a policy question moves, commented out.',
  details: "The levers (agreements' probability and delay, corridor opening dates, growth and tariff schedules) are written as commented examples carrying their current values and sources; uncomment those the question changes. The file validates as written. An existing file is never overwritten.",
  arguments: [{ name: 'NAME', description: 'the new scenario\'s name: letters, digits, - and _ (it names the file and the output folder)' }],
  options: [
    { long: 'from', value: 'FILE', description: 'the scenario the variant extends', default: 'none, it is required', complete: 'file', required: true },
    { long: 'dir', value: 'DIR', description: 'folder to write NAME.yaml in (created if missing)', default: 'the current folder', unit: 'folder', complete: 'dir' },
  ],
  examples: [
    { command: 'trade-sim new pk-transit-by-2027 --from scenarios/baseline-pk.yaml', says: 'writes pk-transit-by-2027.yaml here, extending the Pakistan baseline' },
    { command: 'trade-sim new kz-no-rail --from scenarios/baseline-kz.yaml --dir scenarios/variants', says: "a variant of Kazakhstan's baseline beside the library's variants" },
  ],
  async action(words, options) {
    const [name, ...extra] = words;
    if (name === undefined || extra.length > 0) throw new UsageError(`new: expected one NAME, found ${name === undefined ? 'none' : words.join(' ')}`);
    if (typeof options.from !== 'string') throw new UsageError('new: --from: expected the scenario file the variant extends, found none');
    const { newCommand } = await import('../new-command.js');
    newCommand({ name, from: options.from, dir: typeof options.dir === 'string' ? options.dir : '.' }, (text) => process.stdout.write(text));
  },
};
