import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SyncError } from '@grill/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_STORAGE, reportError, SYNC_EXIT_CODES } from './errors.js';

describe('reportError', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });
  const capture = () =>
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });

  it('gives each kind of sync failure its own exit status, and one line', () => {
    capture();
    const codes = Object.entries(SYNC_EXIT_CODES).map(([code]) =>
      reportError(new SyncError(code, `${code} happened`)),
    );
    expect(codes).toEqual(Object.values(SYNC_EXIT_CODES));
    // Distinct, except the two kinds of an answer that could not be used.
    const distinct = new Set(
      Object.entries(SYNC_EXIT_CODES)
        .filter(([c]) => c !== 'stream-changed')
        .map(([, n]) => n),
    );
    expect(distinct.size).toBe(Object.keys(SYNC_EXIT_CODES).length - 1);
    for (const line of written) expect(line).toMatch(/^grill: [^\n]+\n$/);
  });

  it('says a full disk in one line, without a stack, and exits with its own status', () => {
    capture();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(reportError(full)).toBe(EXIT_STORAGE);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(
      /^grill: the disk holding the grill database is full: nothing of the last step was saved/,
    );
  });

  it('says a busy database (another grill writing for seconds) in one line, with the storage status', () => {
    capture();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    expect(reportError(busy)).toBe(EXIT_STORAGE);
    expect(written[0]).toMatch(/^grill: the grill database is busy: another grill has been writing to it/);
    expect(written).toHaveLength(1);
  });

  // A stand-in for better-sqlite3's addon that registers itself as its addon does (NODE_MODULE),
  // declaring the NODE_MODULE_VERSION of another Node.js: Node's own loader then throws exactly
  // the error a better-sqlite3 compiled by that Node gets, whatever Node runs the tests.
  const STAND_IN = `struct node_module { int nm_version; unsigned int nm_flags; void *nm_dso_handle;
  const char *nm_filename; void *nm_register_func; void *nm_context_register_func;
  const char *nm_modname; void *nm_priv; struct node_module *nm_link; };
extern void node_module_register(void *module);
static struct node_module stand_in = { ABI, 0, 0, "stand-in.c", 0, 0, "better_sqlite3", 0, 0 };
__attribute__((constructor)) static void load(void) { node_module_register(&stand_in); }
`;
  const compiler = process.platform === 'linux' && spawnSync('cc', ['--version']).status === 0;

  it.skipIf(!compiler)(
    'turns the loader’s error for a better-sqlite3 built by another Node.js into one line: the command to run, and where',
    () => {
      const other = process.versions.modules === '137' ? { abi: 115, major: 20 } : { abi: 137, major: 24 };
      const checkout = mkdtempSync(path.join(tmpdir(), 'grill-abi-'));
      const release = path.join(
        checkout,
        'node_modules/.pnpm/better-sqlite3@12.11.1/node_modules/better-sqlite3/build/Release',
      );
      mkdirSync(release, { recursive: true });
      const addon = path.join(release, 'better_sqlite3.node');
      writeFileSync(path.join(checkout, 'stand-in.c'), STAND_IN);
      const cc = spawnSync(
        'cc',
        ['-shared', '-fPIC', `-DABI=${other.abi}`, '-o', addon, path.join(checkout, 'stand-in.c')],
        { encoding: 'utf8' },
      );
      expect(cc.stderr).toBe('');
      let error: unknown;
      try {
        new Database(':memory:', { nativeBinding: addon }).close();
      } catch (caught) {
        error = caught;
      }
      expect((error as NodeJS.ErrnoException).code).toBe('ERR_DLOPEN_FAILED');
      capture();
      expect(reportError(error)).toBe(1);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(
        new RegExp(
          `^grill: better-sqlite3 was built for Node\\.js ${other.major} \\(NODE_MODULE_VERSION ${other.abi}\\), not for this Node\\.js ${process.version.replaceAll('.', '\\.')} \\(${process.versions.modules}\\): run \`(npm_config_nodedir=\\S+ )?pnpm rebuild better-sqlite3\` in `,
        ),
      );
      expect(written[0]?.endsWith(` in ${checkout}\n`)).toBe(true);
    },
  );
});
