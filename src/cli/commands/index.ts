/**
 * Every command, in the order the help and the README list them. A new command is one file in
 * this folder, declaring a CommandSpec, and its name here.
 */
import { backtest } from './backtest.js';
import { calibrate } from './calibrate.js';
import { compare } from './compare.js';
import { merge } from './merge.js';
import { worker } from './worker.js';
import { goal } from './goal.js';
import { completion } from './completion.js';
import { newScenario } from './new.js';
import { run } from './run.js';
import { sensitivity } from './sensitivity.js';
import type { CommandSpec } from './spec.js';
import { validate } from './validate.js';

export const COMMANDS: readonly CommandSpec[] = [run, validate, compare, sensitivity, goal, calibrate, backtest, merge, worker, newScenario, completion];
