// The export condition under which `@nectar/*` packages resolve to their TypeScript sources (src/) rather than
// their build (dist/): every tool in this repository runs the sources; a consumer, who does not set it, gets dist.
export const CONDITION = '@nectar/source';
/** Node's flag for it (for `node`, `NODE_OPTIONS`). */
export const SOURCE_CONDITION = `--conditions=${CONDITION}`;
