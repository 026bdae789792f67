/**
 * Limits on what a scenario file may hold, so that a hostile or mistaken file is refused with a
 * message (exit 2) instead of hanging, exhausting memory or overflowing the stack. The largest
 * scenario shipped is 38 KB, 7 levels deep counting its values, with 10 flows; each limit leaves
 * wide room. The README's "Limits" section states them.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Bytes of a scenario or history file. */
export const MAX_FILE_BYTES = 1 << 20;
/** Nesting of mappings and lists, counting what aliases expand to. */
export const MAX_DEPTH = 32;
/**
 * Size of the document once aliases are expanded: one unit per mapping, list, key and value, plus
 * the characters of every scalar. A file at the size limit without aliases stays below it.
 */
export const MAX_RESOLVED_SIZE = 2 * MAX_FILE_BYTES;
/** Characters of any text field (a source, a description). */
export const MAX_TEXT_LENGTH = 10_000;
/** Characters of a schedule expression. */
export const MAX_EXPRESSION_LENGTH = 1_000;
/** Characters of an amount such as "250M". Longer text is not an amount. */
export const MAX_AMOUNT_LENGTH = 64;
/** Flows (sector and direction pairs): the correlation matrix grows as the square of this. */
export const MAX_FLOWS = 1_000;

/** A key no scenario uses and that would change an object's prototype if assigned. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

export interface DocumentProblem {
  /** Offset in the file of the node at fault. */
  offset: number;
  path: Array<string | number>;
  message: string;
}

interface Frame {
  node: Node;
  depth: number;
  path: Array<string | number>;
  /** Children pushed already: the frame is being finished. */
  open: boolean;
}

/**
 * The first problem of shape in a parsed YAML document: too deep, too large once aliases are
 * expanded, a key twice in one mapping, a forbidden key, an over-long text, or an alias to its own anchor. One pass without
 * recursion (a document may be thousands of levels deep), before the document is turned into
 * objects; aliases count as what they expand to.
 */
export function documentProblem(doc: Document.Parsed): DocumentProblem | undefined {
  const root = doc.contents;
  if (!root) return undefined;
  const size = new Map<Node, number>();
  const height = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  const offset = (n: Node) => n.range?.[0] ?? 0;
  const stack: Frame[] = [{ node: root, depth: 1, path: [], open: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { node, depth, path } = frame;
    if (!frame.open) {
      frame.open = true;
      if (depth > MAX_DEPTH) return { offset: offset(node), path, message: `expected at most ${MAX_DEPTH} levels of nesting, found more` };
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node)) {
        const seen = new Set<string>();
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          // A list or mapping as a key would reach the program as its text, with a warning from Node.
          if (isMap(keyNode) || isSeq(keyNode)) return { offset: offset(keyNode), path, message: `expected a name as the key, found ${isMap(keyNode) ? 'a mapping' : 'a list'}` };
          if (!isScalar(keyNode)) continue;
          const key = String(keyNode.value);
          if (seen.has(key)) return { offset: offset(keyNode), path: [...path, key], message: `the key "${key}" appears twice in this mapping` };
          seen.add(key);
          if (FORBIDDEN_KEYS.has(key)) return { offset: offset(keyNode), path: [...path, key], message: `a key named "${key}" is not allowed` };
        }
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          if (!isPair(pair)) continue;
          const keyNode = pair.key as Node | null;
          const key = isScalar(keyNode) ? String(keyNode.value) : `[${i}]`;
          if (pair.value) stack.push({ node: pair.value as Node, depth: depth + 1, path: [...path, key], open: false });
          if (keyNode) stack.push({ node: keyNode, depth: depth + 1, path: [...path, key], open: false });
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i] as Node | null;
          if (item) stack.push({ node: item, depth: depth + 1, path: [...path, i], open: false });
        }
      }
      continue;
    }
    stack.pop();
    if (isScalar(node)) {
      const text = typeof node.value === 'string' ? node.value : String(node.value);
      if (text.length > MAX_TEXT_LENGTH) {
        return { offset: offset(node), path, message: `expected text of at most ${MAX_TEXT_LENGTH} characters, found ${text.length}` };
      }
      size.set(node, 1 + text.length);
      height.set(node, 1);
    } else if (isAlias(node)) {
      const target = anchors.get(node.source);
      const s = target && size.get(target);
      if (!target || s === undefined) {
        return { offset: offset(node), path, message: `the alias *${node.source} refers to ${target ? 'the mapping or list that holds it' : 'no anchor before it'}` };
      }
      const h = height.get(target) as number;
      if (depth + h - 1 > MAX_DEPTH) return { offset: offset(node), path, message: `expected at most ${MAX_DEPTH} levels of nesting, found more once the alias *${node.source} is expanded` };
      size.set(node, s);
      height.set(node, h);
    } else {
      const children: Array<Node | null> = isMap(node)
        ? node.items.flatMap((p) => (isPair(p) ? [p.key as Node | null, p.value as Node | null] : []))
        : isSeq(node) ? (node.items as Array<Node | null>) : [];
      let s = 1;
      let h = 0;
      for (const c of children) {
        if (!c) continue;
        s += size.get(c) ?? 0;
        h = Math.max(h, height.get(c) ?? 0);
      }
      size.set(node, s);
      height.set(node, h + 1);
    }
  }
  const total = size.get(root) ?? 0;
  if (total > MAX_RESOLVED_SIZE) {
    return { offset: 0, path: [], message: `expected a scenario of at most ${MAX_RESOLVED_SIZE} characters once aliases (*name) are expanded, found about ${total > 1e12 ? 'more than 10^12' : total}` };
  }
  return undefined;
}
