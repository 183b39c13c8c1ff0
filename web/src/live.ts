// Live updates: Server-Sent Events on the thread's events URL (event "comment", data = one
// comment object, new or changed; event "count", data = {"count": N}; event "removed", data =
// {"id": N}, a comment a moderator or readers' reports took out of the thread; event "reset":
// the server may have missed changes, reload what is shown), and when EventSource is missing or
// keeps failing (3 errors within two minutes, or the server refuses the stream), polling
// instead: `poll` every 30 s while the page is visible. A stream that opens again after an
// error calls `onReset` too: events sent while it was down are lost. It lasts as long as the
// page (nothing stops it).
import type { Comment } from './types';

const POLL_MS = 30000;

export function live(
  url: string,
  onComment: (c: Comment) => void,
  onCount: (n: number) => void,
  onRemoved: (id: number) => void,
  onReset: () => void,
  poll: () => Promise<unknown>,
): void {
  const errors: number[] = [];

  // Polls now (unless the page is hidden), then again POLL_MS after the answer or the failure.
  const polling = () => {
    const next = () => void setTimeout(polling, POLL_MS);
    (document.hidden ? Promise.resolve() : poll()).then(next, next);
  };

  if (typeof EventSource !== 'function') return polling();
  const source = new EventSource(url);
  // Calls `handle` with an event's data (JSON) when its field `key` is a number; a comment
  // may also come wrapped, {"comment": …}.
  const on = (type: string, key: string, handle: (d: any) => void) =>
    source.addEventListener(type, (e) => {
      let d;
      try {
        d = JSON.parse((e as MessageEvent).data);
      } catch (x) {
        return;
      }
      if (type === 'comment' && d && d.comment) d = d.comment;
      if (d && typeof d[key] === 'number') handle(d);
    });
  on('comment', 'id', onComment);
  on('removed', 'id', (d) => onRemoved(d.id));
  on('count', 'count', (d) => onCount(d.count));
  source.addEventListener('reset', onReset);
  let opened = false;
  source.onopen = () => {
    if (opened) onReset();
    opened = true;
  };
  source.onerror = () => {
    const now = Date.now();
    errors.push(now);
    while (now - errors[0] > 120000) errors.shift(); // stops at this one, at the latest
    // Closed (if the browser did not already): no event comes after this one.
    if (source.readyState === 2 || errors.length >= 3) {
      source.close();
      polling();
    }
  };
}
