/** Shared types of the CDN loader and its client chunk (types only: nothing here reaches the loader). */

/** Read from the loader script's `data-*` attributes. */
export interface LoaderConfig {
  /** `data-endpoint`; default: the origin the script was loaded from. */
  endpoint: string;
  /** `data-site-key`. */
  siteKey: string;
  /** `data-locale`; default: the client's (`navigator.language`, falling back to `en`). */
  locale?: string | undefined;
}

/** One call made on the `window.nectar` stub before the real client existed. */
export interface QueuedCall {
  /** e.g. `['tickets', 'submit']`. */
  path: string[];
  args: unknown[];
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  /** `on(…)` only: its unsubscribe was called before the replay, so it is skipped. */
  cancelled?: boolean;
  /** `on(…)` only: the real unsubscribe, once replayed. */
  unsubscribe?: () => void;
}
