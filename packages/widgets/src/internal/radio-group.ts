/**
 * Keyboard of a custom radio group (WAI-ARIA APG radio group with roving tabindex): arrow keys move
 * to the next or previous choice and check it (wrapping), Home and End go to the ends, Space checks
 * the focused choice. Returns the index to check and focus, or `undefined` for other keys.
 */
export function radioGroupKey(event: KeyboardEvent, count: number, focused: number): number | undefined {
  let next: number;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      next = (focused + 1) % count;
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      next = (focused - 1 + count) % count;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    case ' ':
      next = Math.max(0, focused);
      break;
    default:
      return undefined;
  }
  event.preventDefault();
  return next;
}
