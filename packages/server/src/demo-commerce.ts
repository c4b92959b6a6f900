/**
 * `nectar-server --commerce vendure`: a local Vendure with seeded orders wired into the demo storefront.
 * It runs from the repository only (Vendure is a development dependency); an installed server says so.
 */
export interface VendureDemo {
  demoDir: string;
  /** Handler for `/v1/proxy/*` (the reference service's `proxy` option). */
  proxy: (request: Request) => Promise<Response>;
  shopper: { email: string; password: string };
  /** The Admin API and its superadmin, for the agent's order view and refunds (server side only). */
  admin: { apiUrl: string; username: string; password: string };
  vendureUrl: string;
  startupSeconds: number;
  stop(): Promise<void>;
}

/** Loads the Vendure demo only when asked, so plain `npm start` never loads Vendure. */
export async function loadVendureDemo(): Promise<{ startVendureDemo: () => Promise<VendureDemo> }> {
  // A computed specifier: the demo is TypeScript beside the sources, not part of the compiled package.
  const setup = new URL('../demo/vendure/setup.ts', import.meta.url);
  try {
    return (await import(setup.href)) as { startVendureDemo: () => Promise<VendureDemo> };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new Error('--commerce vendure runs from the Nectar repository only (`npm start -- --commerce vendure`)', {
        cause: error,
      });
    }
    throw error;
  }
}
