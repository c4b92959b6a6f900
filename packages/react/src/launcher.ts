'use client';
import type { ComponentProps } from 'react';
import { NectarLauncher as NectarLauncherElement } from '@nectar/widgets/launcher';
import { nectarComponent } from './internal/create.ts';

/**
 * The floating help button (`<nectar-launcher>`): opens the panel (created at the end of `<body>` when the page
 * has none) and shows an unread badge for replies.
 *
 * No `onNectar*` props: the launcher dispatches no event of its own, and the panel it opens is not inside it,
 * so the panel's `nectar-open` / `nectar-close` never reach it. Use `NectarPanel`'s props, or listen on
 * `document`.
 *
 * Props: the element's properties (typed from its class), React's HTML attributes.
 * Importing this module defines `<nectar-launcher>`.
 */
export const NectarLauncher = /* @__PURE__ */ nectarComponent({
  tagName: 'nectar-launcher',
  elementClass: NectarLauncherElement,
  events: {},
  displayName: 'NectarLauncher',
});

/** The props of {@link NectarLauncher}. */
export type NectarLauncherProps = ComponentProps<typeof NectarLauncher>;
