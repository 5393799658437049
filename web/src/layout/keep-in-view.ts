/** How long a page may keep moving under a landed-on element before it is left where it is. */
const SETTLE_MS = 3_000;

/**
 * Scrolls `element` to the top of the view and keeps it there while the page settles: sections
 * above it that load later, and web fonts arriving, change the height of what is above. Stops
 * at the reader's first scroll, key or touch, when the element loses focus, or after a few
 * seconds, so it never fights the reader.
 */
export function keepInView(element: HTMLElement): () => void {
  const scroll = () => {
    if (document.activeElement === element) element.scrollIntoView({ block: 'start' });
    else stop();
  };
  const observer = new ResizeObserver(scroll);
  const events = ['wheel', 'keydown', 'touchstart', 'mousedown'] as const;
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const event of events) window.removeEventListener(event, stop);
  };
  const timer = setTimeout(stop, SETTLE_MS);
  for (const event of events) window.addEventListener(event, stop, { once: true, passive: true });
  element.scrollIntoView({ block: 'start' });
  observer.observe(document.body);
  return stop;
}
