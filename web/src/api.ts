// The HTTP client of the widget: docs/API.md, under {base}/api/v1. Reads send only
// CORS-safelisted headers (no preflight), so the first page costs exactly one request.
import type { MineStatus, Page, Posted, Reason, Sort, VoteCounts } from './types';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string, // an API error code, or "network"
    message: string,
    public reasons: Reason[] = [],
    public retryAfter = 0,
  ) {
    super(message);
  }
}

export interface Api {
  page(sort: Sort, limit: number, depth: number, cursor?: string | null): Promise<Page>;
  post(body: {
    author: string;
    text: string;
    email?: string;
    notify_email?: string; // mail me the replies (thread.notify)
    parent?: number;
    title?: string;
    token?: string; // the reader's token (storage.ts): the answer names the reader's replies feed
  }): Promise<Posted>;
  edit(id: number, token: string, text: string): Promise<Posted>;
  mine(items: { id: number; edit_token: string }[]): Promise<{ items: MineStatus[] }>;
  remove(id: number, token: string): Promise<unknown>;
  vote(id: number, vote: 'up' | 'down', token: string): Promise<VoteCounts>;
  unvote(id: number, token: string): Promise<VoteCounts>;
  report(id: number, reason: string, note: string, token: string): Promise<{ reports: number }>;
  eventsUrl(): string;
  feedUrl(): string; // the thread's Atom feed (docs/NOTIFICATIONS.md, "Feeds")
  abs(path: string): string; // a path the API answered (/api/v1/…), made absolute
}

export function api(base: string, site: string, key: string, lang: string): Api {
  const b = base.replace(/\/+$/, '');
  const root = b + '/api/v1';
  const thread = root + '/threads/' + encodeURIComponent(site) + '/' + encodeURIComponent(key);

  // `body`, when there is one, is an object sent as JSON.
  async function call(method: string, url: string, body?: object): Promise<any> {
    const headers: Record<string, string> = { 'Accept-Language': lang };
    if (body) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body && JSON.stringify(body), credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 'network', String(e));
    }
    // null when the body is empty, not JSON, or cannot be read.
    const data = await res.text().then(JSON.parse).catch(() => null);
    if (res.ok) return data;
    const err = (data && data.error) || {};
    // (parseInt of a missing header, null, is NaN.)
    const ra = parseInt(res.headers.get('Retry-After') as string, 10) || err.retry_after || 0;
    throw new ApiError(
      res.status,
      typeof err.code === 'string' ? err.code : 'internal',
      typeof err.message === 'string' ? err.message : '',
      Array.isArray(err.reasons) ? err.reasons : [],
      ra,
    );
  }

  const comment = (id: number) => root + '/comments/' + id;
  return {
    page: (sort, limit, depth, cursor) =>
      call(
        'GET',
        thread +
          '/comments?sort=' + sort + '&limit=' + limit + '&depth=' + depth +
          (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
      ),
    post: (body) => call('POST', thread + '/comments', body),
    edit: (id, token, text) =>
      call('PATCH', comment(id), { edit_token: token, text }),
    mine: (items) => call('POST', root + '/comments/status?site=' + encodeURIComponent(site), { items }),
    remove: (id, token) => call('DELETE', comment(id), { edit_token: token }),
    vote: (id, vote, token) => call('POST', comment(id) + '/votes', { vote, token }),
    unvote: (id, token) => call('DELETE', comment(id) + '/votes', { token }),
    report: (id, reason, note, token) =>
      call('POST', comment(id) + '/reports', note ? { reason, note, token } : { reason, token }),
    eventsUrl: () => thread + '/events?lang=' + lang,
    feedUrl: () => thread + '/feed.atom',
    abs: (path) => b + path,
  };
}
