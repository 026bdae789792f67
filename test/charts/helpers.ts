/** Shared by the chart tests: schema validation and scenegraph look-ups. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type * as vega from 'vega';

let validator: ValidateFunction | undefined;

/** Errors from validating `spec` against the Vega-Lite JSON schema (draft-07); empty when valid. */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  if (!validator) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('vega-lite/vega-lite-schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true, validateFormats: false });
    validator = ajv.compile(schema);
  }
  return validator(spec) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** A mark (or group) node of Vega's scenegraph. */
export interface SceneMark {
  marktype: string;
  name?: string;
  role?: string;
  items: SceneItem[];
}
export interface SceneItem {
  x?: number;
  y?: number;
  x2?: number;
  y2?: number;
  width?: number;
  height?: number;
  text?: string | string[];
  shape?: string;
  fill?: string;
  stroke?: string;
  datum?: Record<string, unknown>;
  items?: SceneMark[];
}

/** Every mark node whose name is `name` (as Vega-Lite names them: `<layer name>_marks`). */
export function marksNamed(view: vega.View, name: string): SceneMark[] {
  const found: SceneMark[] = [];
  const visit = (mark: SceneMark) => {
    if (mark.name === name) found.push(mark);
    for (const item of mark.items ?? []) for (const child of item.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: SceneMark }).root);
  return found;
}

/** The items of all marks named `name`. */
export function itemsOf(view: vega.View, name: string): SceneItem[] {
  return marksNamed(view, name).flatMap((m) => m.items);
}

/** The text of every axis label of the axis whose title is `title` (or all axes without a title). */
export function axisLabels(view: vega.View): string[][] {
  const out: string[][] = [];
  const visit = (mark: SceneMark) => {
    if (mark.role === 'axis-label') out.push(mark.items.map((i) => (Array.isArray(i.text) ? i.text.join(' ') : String(i.text ?? ''))));
    for (const item of mark.items ?? []) for (const child of item.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: SceneMark }).root);
  return out;
}

/** Pixel positions can differ from a scale's output by float rounding only. */
export const PIXEL = 1e-6;
