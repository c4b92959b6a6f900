import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';

type EventNames = Record<string, EventName>;
type Listener = (event: Event) => void;

export interface NectarComponentOptions<I extends HTMLElement, E extends EventNames> {
  tagName: string;
  elementClass: new () => I;
  /** The `onNectar*` props and the DOM events they listen to (`src/internal/events.ts`). */
  events: E;
  displayName: string;
}

// useLayoutEffect: the listeners are on the element before anything can fire. On a server it would not run
// (React 18 warns there), so useEffect stands in, which does not run either.
const useLayoutEffect = typeof document === 'undefined' ? React.useEffect : React.useLayoutEffect;

/**
 * A React component for a Nectar element: `createComponent` from `@lit/react` sets the element's properties
 * (typed from its class); the `onNectar*` props become listeners that this wrapper adds and removes itself.
 * `@lit/react` keeps its listeners on the element when the component unmounts, so an event the element fires
 * afterwards — a ticket that was still on its way, sent from the outbox later — would call a handler of a
 * component that is gone. Here a listener is added when its prop is given, and removed when the prop goes or
 * the component unmounts; a new handler between renders replaces the old one without re-adding the listener.
 */
export function nectarComponent<I extends HTMLElement, E extends EventNames = Record<never, EventName>>({
  tagName,
  elementClass,
  events,
  displayName,
}: NectarComponentOptions<I, E>): ReactWebComponent<I, E> {
  // Its props are the element's properties and React's attributes; here they are passed through untyped.
  const Element = createComponent({
    react: React,
    tagName,
    elementClass,
    displayName: `${displayName}Element`,
  }) as unknown as React.ForwardRefExoticComponent<Record<string, unknown> & React.RefAttributes<I>>;
  const eventProps = Object.keys(events);

  const Component = React.forwardRef<I, Record<string, unknown>>(function NectarComponent(props, ref) {
    const element = React.useRef<I | null>(null);
    const handlers = React.useRef<Record<string, Listener>>({});
    const current: Record<string, Listener> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props)) {
      if (!Object.hasOwn(events, key)) rest[key] = value;
      else if (typeof value === 'function') current[key] = value as Listener;
    }
    // The events that have a handler now: a listener is added or removed only when this changes.
    const listening = eventProps.filter((p) => Object.hasOwn(current, p)).join(' ');

    useLayoutEffect(() => {
      handlers.current = current;
    });
    useLayoutEffect(() => {
      const el = element.current;
      if (!el || !listening) return;
      const added = listening.split(' ').map((prop) => {
        const type = events[prop]!;
        const listener = (event: Event) => handlers.current[prop]?.(event);
        el.addEventListener(type, listener);
        return () => el.removeEventListener(type, listener);
      });
      return () => {
        for (const remove of added) remove();
      };
    }, [listening]);

    const setRef = React.useCallback(
      (node: I | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    return React.createElement(Element, { ...rest, ref: setRef });
  });
  Component.displayName = displayName;
  return Component as unknown as ReactWebComponent<I, E>;
}
