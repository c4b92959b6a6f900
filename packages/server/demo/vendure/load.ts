/** Loads the Vendure demo only when asked (`--commerce vendure`): plain `npm start` never loads Vendure. */
export const loadVendureDemo = () => import('./setup.ts');
