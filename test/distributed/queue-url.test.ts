/**
 * --queue's address (engine/backends/queue-keys.ts parseRedisUrl): what a good one becomes, and
 * for a bad one the reason --queue's message gives (exit 2 on the command line).
 */
import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../src/engine/backends/queue-keys.js';
import { cli } from '../helpers/scenario-files.js';

describe('--queue addresses', () => {
  it.each([
    ['redis://localhost', 'redis://localhost:6379/0', 6379, 0],
    ['redis://127.0.0.1:6380/2', 'redis://127.0.0.1:6380/2', 6380, 2],
    ['redis://user:secret@10.0.0.5:7000', 'redis://10.0.0.5:7000/0', 7000, 0],
    ['redis://[::1]:6390/1', 'redis://[::1]:6390/1', 6390, 1],
    ['redis://h:65535', 'redis://h:65535/0', 65535, 0],
  ])('%s', (text, url, port, db) => {
    expect(parseRedisUrl(text)).toMatchObject({ url, port, db });
  });

  it.each([
    ['redis://127.0.0.1:99999', 'the port 99999 is not from 1 to 65535'],
    ['redis://127.0.0.1:0', 'the port 0 is not from 1 to 65535'],
    ['redis://[::1]:70000/1', 'the port 70000 is not from 1 to 65535'],
    ['localhost:6379', 'the scheme is "localhost", not redis'],
    ['http://localhost', 'the scheme is "http", not redis'],
    ['redis://h/x', 'the database "x" is not a whole number'],
    ['redis://h?db=1', 'a query or fragment is not expected'],
    ['not a url', 'not a URL'],
  ])('%s: %s', (text, reason) => {
    expect(parseRedisUrl(text)).toBe(reason);
  });

  it('a bad one on the command line: exit 2, naming --queue, what was found and why, before anything runs', () => {
    const r = cli(['run', 'test/fixtures/scenarios/smoke.yaml', '--paths', '100', '--queue', 'redis://127.0.0.1:99999', '--out', '/nonexistent/never']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: --queue: expected redis://HOST[:PORT][/DB], found "redis://127.0.0.1:99999" (the port 99999 is not from 1 to 65535)');
  });
});
