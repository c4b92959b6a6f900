// `npm start`: builds the CDN bundle, then starts the reference service with its embedded
// database, serving the demo storefront. PORT, HOST, NECTAR_DATA_DIR, DATABASE_URL and
// NECTAR_AGENT_KEY are passed through. Extra arguments go to the server.
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
console.log('[nectar] building the CDN bundle…');
const build = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { HOST: 'localhost', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
