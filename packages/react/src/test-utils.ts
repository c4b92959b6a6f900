/**
 * Test helpers. Import this module FIRST in a test file: it starts recording `console.warn` and
 * `console.error` before Lit and React load, and fails the test that caused a Lit dev-mode warning or a
 * React warning (Lit's one-time "dev mode" notice excepted).
 */
const warnings: string[] = [];
for (const level of ['warn', 'error'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (!/lit\.dev\/msg\/dev-mode|Lit is in dev mode/.test(text)) warnings.push(`console.${level}: ${text}`);
    original(...args);
  };
}

afterEach(function () {
  const issued = warnings.splice(0);
  if (issued.length > 0) throw new Error(`Warnings in "${this.currentTest?.title}":\n${issued.join('\n')}`);
});

let counter = 0;
/** A unique name per test (draft keys, storage namespaces). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
