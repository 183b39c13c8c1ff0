// The console's HTTP client: same origin, the session cookie, and X-CSRF-Token on every write
// (docs/API.md, "Moderator console API"). A 401 anywhere sends the moderator back to the login.
import type {
  ApiKey, AuditEntry, Delivery, DeliveryState, ImportJob, ImportUpload, Ban, Order, QueueItem, QueuePage, Report, Session, Settings, SiteDetails, SiteInfo,
  Status, Webhook, WebhookEvent, WebhookFormat,
} from './types';
import { lang } from './i18n';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string, // an API error code, or "network"
    message: string,
    public retryAfter = 0,
    public field = '', // the request's field at fault (invalid_argument), if the server named it
  ) {
    super(message);
  }
}

const ROOT = '/api/v1/admin';
let csrf = '';
let onUnauthorized: () => void = () => {};

export function setCsrf(token: string): void {
  csrf = token;
}
export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

// A Blob body (a file) goes as it is; anything else as JSON.
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': lang, Accept: 'application/json' };
  const raw = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(ROOT + path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? (body as Blob) : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  }
  const text = await res.text().catch(() => '');
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (res.ok) return data as T;
  const err = (data && data.error) || {};
  const code = typeof err.code === 'string' ? err.code : res.status === 401 ? 'unauthorized' : 'internal';
  const retry = parseInt(res.headers.get('Retry-After') || '', 10) || 0;
  const field = typeof err.field === 'string' ? err.field : '';
  const e = new ApiError(res.status, code, typeof err.message === 'string' ? err.message : '', retry, field);
  if (res.status === 401 && path !== '/login') onUnauthorized();
  throw e;
}

const q = (params: Record<string, string | number | null | undefined>) => {
  const parts: string[] = [];
  for (const k in params) {
    const v = params[k];
    if (v !== null && v !== undefined && v !== '') parts.push(k + '=' + encodeURIComponent(String(v)));
  }
  return parts.length ? '?' + parts.join('&') : '';
};
const seg = encodeURIComponent;

export interface QueueQuery {
  status: Status;
  site?: string;
  thread?: string;
  reason?: string;
  q?: string;
  author?: string;
  order?: Order;
  cursor?: string | null;
  limit?: number;
}

export interface BulkResult {
  done: number[];
  failed: { id: number; code: string }[];
}

export const api = {
  login: (email: string, password: string) => call<Session>('POST', '/login', { email, password }),
  logout: () => call<null>('POST', '/logout'),
  session: () => call<Session>('GET', '/session'),
  sites: () => call<{ sites: SiteInfo[] }>('GET', '/sites'),
  queue: (x: QueueQuery) =>
    call<QueuePage>(
      'GET',
      '/queue' +
        q({
          status: x.status, site: x.site, thread: x.thread, reason: x.reason, q: x.q,
          author: x.author, order: x.order, cursor: x.cursor, limit: x.limit,
        }),
    ),
  approve: (id: number) => call<{ comment: QueueItem }>('POST', '/comments/' + id + '/approve'),
  reject: (id: number, reason: string, note?: string) =>
    call<{ comment: QueueItem }>('POST', '/comments/' + id + '/reject', note ? { reason, note } : { reason }),
  unpublish: (id: number, reason?: string) =>
    call<{ comment: QueueItem }>('POST', '/comments/' + id + '/unpublish', reason ? { reason } : {}),
  falsePositive: (id: number) => call<{ comment: QueueItem }>('POST', '/comments/' + id + '/false-positive'),
  undo: (id: number) => call<{ comment: QueueItem }>('POST', '/comments/' + id + '/undo'),
  bulk: (body: { ids?: number[]; cluster?: number; action: 'approve' | 'reject'; reason?: string }) =>
    call<BulkResult>('POST', '/comments/bulk', body),
  bans: (site: string) => call<{ bans: Ban[] }>('GET', '/bans' + q({ site })),
  ban: (body: { comment_id: number; days: number; reason: string; by: string[] }) =>
    call<{ ban: Ban }>('POST', '/bans', body),
  unban: (id: number) => call<null>('DELETE', '/bans/' + id),
  site: (site: string) => call<SiteDetails>('GET', '/sites/' + seg(site)),
  saveSite: (site: string, s: { name: string; origins: string[]; time_zone: string }) =>
    call<SiteDetails>('PUT', '/sites/' + seg(site), s),
  settings: (site: string) => call<{ settings: Settings }>('GET', '/sites/' + seg(site) + '/settings'),
  saveSettings: (site: string, s: Settings) =>
    call<{ settings: Settings }>('PUT', '/sites/' + seg(site) + '/settings', s),
  audit: (site: string, before?: number | null, limit = 50) =>
    call<{ entries: AuditEntry[] }>('GET', '/sites/' + seg(site) + '/audit' + q({ before, limit })),
  report: (site: string, days: number) => call<Report>('GET', '/sites/' + seg(site) + '/report' + q({ days })),
  keys: (site: string) => call<{ keys: ApiKey[] }>('GET', '/sites/' + seg(site) + '/keys'),
  addKey: (site: string, name: string, per_minute: number) =>
    call<{ key: ApiKey; secret: string }>('POST', '/sites/' + seg(site) + '/keys', { name, per_minute }),
  removeKey: (site: string, id: number) => call<null>('DELETE', '/sites/' + seg(site) + '/keys/' + id),
  // Imports: the file uploaded and analysed, then confirmed; its job's state (docs/API.md).
  uploadImport: (site: string, file: Blob, o: { format?: string; thread_key?: string; map?: string[]; moderate?: string }) => {
    const parts = [q({ format: o.format, thread_key: o.thread_key, moderate: o.moderate }).slice(1)].filter((x) => x);
    for (const m of o.map || []) parts.push('map=' + encodeURIComponent(m));
    const query = parts.length ? '?' + parts.join('&') : '';
    return call<{ upload: ImportUpload; job: ImportJob | null }>('POST', '/sites/' + seg(site) + '/imports' + query, file);
  },
  confirmImport: (site: string, id: string) =>
    call<{ job: ImportJob }>('POST', '/sites/' + seg(site) + '/imports/' + seg(id) + '/confirm'),
  importState: (site: string) => call<{ job: ImportJob | null }>('GET', '/sites/' + seg(site) + '/imports'),
  // Webhooks: the secret is in the answer to their creation only; the outbox's deliveries.
  webhooks: (site: string) => call<{ webhooks: Webhook[] }>('GET', '/sites/' + seg(site) + '/webhooks'),
  addWebhook: (site: string, w: { url: string; format: WebhookFormat; events: WebhookEvent[] }) =>
    call<{ webhook: Webhook; secret: string }>('POST', '/sites/' + seg(site) + '/webhooks', w),
  removeWebhook: (site: string, id: number) => call<null>('DELETE', '/sites/' + seg(site) + '/webhooks/' + id),
  deliveries: (site: string, state?: DeliveryState | '', limit = 20) =>
    call<{ deliveries: Delivery[] }>('GET', '/sites/' + seg(site) + '/deliveries' + q({ state, limit })),
};
