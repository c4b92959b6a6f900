// `npm start`: builds the CDN bundle and the agent console (/console/), then starts the reference service
// with its embedded database, serving the demo storefront. PORT, HOST, NECTAR_DATA_DIR, DATABASE_URL and
// NECTAR_AGENT_KEY are passed through; without NECTAR_ADMIN_EMAIL a demo admin is created and its
// sign-in printed. Extra arguments go to the server.
import { spawn, spawnSync } from 'node:child_process';
import { SOURCE_CONDITION } from './source-condition.mjs';

const root = new URL('..', import.meta.url).pathname;
console.log('[nectar] building the CDN bundle…');
const build = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('[nectar] building the agent console…');
const consoleBuild = spawnSync('npx', ['rollup', '-c', 'packages/server/console/rollup.config.mjs', '--silent'], {
  cwd: root,
  stdio: 'inherit',
});
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);

// A demo admin for the console, unless one is configured (its password is public: this is the demo).
const admin = process.env.NECTAR_ADMIN_EMAIL
  ? undefined
  : { NECTAR_ADMIN_EMAIL: 'admin@demo.example', NECTAR_ADMIN_PASSWORD: 'demo-admin-password' };
if (admin) {
  console.log(`[nectar] demo admin sign-in: ${admin.NECTAR_ADMIN_EMAIL} / ${admin.NECTAR_ADMIN_PASSWORD}`);
}
const server = spawn(
  process.execPath,
  [SOURCE_CONDITION, '--import', 'tsx', 'packages/server/src/main.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { HOST: 'localhost', ...admin, ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
