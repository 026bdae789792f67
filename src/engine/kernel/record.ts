/**
 * Objects of named fields that several simulators build in turn, with stable field types.
 *
 * V8 types an object literal's fields by the values its first evaluation stored (a Float64Array's
 * class, say), and widens them when the literal is evaluated again, to set up its boilerplate; the
 * optimised code that relied on the narrow types is then thrown away. With a literal per simulator
 * (its wasm kernel, the arrays it lends to Routes and Transitory, its block result), a pool thread's
 * second simulator deoptimised runBlock, initBlock, Routes.update, initRoutes and the aggregator's
 * consume, and the thread ran them cold again. An object filled field by field from an empty one
 * keeps one hidden class, and its field types, for every simulator.
 */
class Fields {
  constructor(fields: object) {
    Object.assign(this, fields);
  }
}

/** `fields` as an object that is not an object literal (above): the same fields, in the same order. */
export const record = <T extends object>(fields: T): T => new Fields(fields) as T;
