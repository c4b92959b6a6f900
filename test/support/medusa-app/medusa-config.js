// Minimal Medusa v2 project for the adapter tests: in-memory event bus, cache and workflow engine
// (the defaults without Redis), no admin dashboard build. test/support/medusa.ts sets the env.
const { defineConfig } = require('@medusajs/framework/utils');

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    databaseLogging: false,
    http: {
      storeCors: '*',
      adminCors: '*',
      authCors: '*',
      jwtSecret: process.env.JWT_SECRET || 'nectar-test-jwt',
      cookieSecret: process.env.COOKIE_SECRET || 'nectar-test-cookie',
    },
  },
  admin: { disable: true },
});
