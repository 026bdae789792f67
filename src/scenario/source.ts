/**
 * Reading a YAML file (a scenario or a history file) safely: only a regular file, checked on the
 * opened descriptor (a FIFO does not block, /dev/zero is not read), at most MAX_FILE_BYTES, UTF-8
 * text; parsed with line numbers; its shape checked (limits.ts) before it becomes objects.
 * Messages never quote the contents of a file that is not text.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { fileKind } from '../file-kind.js';
import { messages, ScenarioError } from './issues.js';
import { documentProblem, MAX_DEPTH, MAX_FILE_BYTES } from './limits.js';

export interface SourceFile {
  file: string;
  display: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The document as plain objects. */
  data: unknown;
}

export type SourceKind = 'scenario' | 'history';

/** Throws ScenarioError (exit 2) naming `display` for anything but a readable, well-formed file. */
export function readYamlSource(file: string, display: string, kind: SourceKind, context = ''): SourceFile {
  const fail = (line: number, column: number, message: string, path = ''): never => {
    throw new ScenarioError([{ file: display, line, column, path, message }]);
  };
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (err) {
    return fail(0, 0, messages.readFailed(kind, `${readProblem(err)}${context}`));
  }
  const lines = new LineCounter();
  // uniqueKeys off: yaml checks it in time quadratic in a mapping's size; documentProblem does it linearly.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      // The parser reports its own stack overflow on deep nesting as a syntax error.
      const reason = /call stack/i.test(e.message) ? `expected at most ${MAX_DEPTH} levels of nesting, found more`
        // yaml's own wording here tells the reader to call one of its functions.
        : e.code === 'MULTIPLE_DOCS' ? messages.multipleDocuments()
          : messages.yamlSyntax(e.message.split('\n')[0] ?? e.message);
      return { file: display, line: pos.line, column: pos.col, path: '', message: reason };
    }));
  }
  const problem = documentProblem(doc);
  if (problem) {
    const pos = lines.linePos(problem.offset);
    fail(pos.line, pos.col, problem.message, problem.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '['));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // documentProblem bounds the expansion; this is yaml's own guard, kept as a second fence.
    return fail(1, 1, `the file could not be expanded: ${(err as Error).message}`);
  }
  return { file, display, doc, lines, data };
}

class ReadProblem extends Error {}

/** The file's text, or a ReadProblem (or the system's error) saying why not. */
export function readRegularFile(file: string, maxBytes = MAX_FILE_BYTES): string {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadProblem(`it is ${fileKind(st)}, not a regular file`);
    if (st.size > maxBytes) throw new ReadProblem(tooLarge(maxBytes, st.size));
    // Read to the cap, not to st.size: a file can grow, and some report size 0.
    const buf = Buffer.allocUnsafe(maxBytes + 1);
    let n = 0;
    for (let got = 1; got > 0 && n <= maxBytes; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) throw new ReadProblem(tooLarge(maxBytes));
    return decode(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

function decode(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ReadProblem('it is not a text file (it holds NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReadProblem('it is not UTF-8 text');
  }
}

const tooLarge = (maxBytes: number, size?: number) =>
  `it is larger than the limit of ${maxBytes >= 1 << 20 ? `${maxBytes / (1 << 20)} MiB` : `${maxBytes} bytes`}${size === undefined ? '' : ` (${size} bytes)`}`;

function readProblem(err: unknown): string {
  if (err instanceof ReadProblem) return err.message;
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a regular file';
    case 'ENOTDIR': return 'a folder on its path is a file';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENXIO': return 'it is not a regular file';
    default: return (err as Error).message;
  }
}

