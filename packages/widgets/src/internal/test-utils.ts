/**
 * Shared test helpers. Import this module FIRST in a test file: it starts recording
 * `console.warn` before Lit loads, and fails the test that caused a Lit dev-mode warning
 * (the one-time "Lit is in dev mode" notice excepted).
 */
const warnings: string[] = [];
const originalWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (!/lit\.dev\/msg\/dev-mode|Lit is in dev mode/.test(text)) warnings.push(text);
  originalWarn(...args);
};

afterEach(function () {
  const issued = warnings.splice(0);
  if (issued.length > 0)
    throw new Error(`Lit dev-mode warnings in "${this.currentTest?.title}":\n${issued.join('\n')}`);
});

let counter = 0;
/** A unique name per test (draft keys, storage namespaces). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A real image file drawn on a canvas. */
export async function imageFile(
  width: number,
  height: number,
  name = 'photo.png',
  type: 'image/png' | 'image/jpeg' = 'image/png',
): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#c0392b';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#2980b9';
  ctx.fillRect(0, 0, width / 2, height / 2);
  const blob = await canvas.convertToBlob({ type });
  return new File([blob], name, { type });
}

/** Chooses files in a file input the way the browser does after a pick: `files` set, `change` fired. */
export function chooseFiles(input: HTMLInputElement, files: File[]): void {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
