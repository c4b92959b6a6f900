/**
 * Starts a throwaway PostgreSQL cluster for tests: a temp folder, 127.0.0.1 on a free port,
 * unix socket inside the folder, trust auth, one database. Uses Debian's binaries
 * (/usr/lib/postgresql/<v>/bin) or those on PATH; installs `postgresql` with apt-get when
 * missing and running as root on Debian.
 */
import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCb);

export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/nectar` */
  url: string;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensureBinDir(): string {
  let bin = findBinDir();
  if (!bin && isRoot() && existsSync('/etc/debian_version')) {
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    bin = findBinDir();
  }
  if (!bin) {
    throw new Error(
      'PostgreSQL binaries (initdb, pg_ctl) not found. Install PostgreSQL (Debian: `apt-get install postgresql`) ' +
        'or put its bin folder on PATH.',
    );
  }
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = ensureBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'nectar-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: hand the folder to the `postgres` user and run as that user.
  const asRoot = isRoot();
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
  }
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFile('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : execFile(join(bin, command), args);

  const port = await freePort();
  try {
    await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    const log = await readFile(join(dir, 'postgres.log'), 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start PostgreSQL: ${(error as Error).message}\n${log}`);
  }

  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE nectar');
  await admin.end();

  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/nectar`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
