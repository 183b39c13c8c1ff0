// The JSON shapes of docs/API.md that the widget reads.

export const SORTS = ['oldest', 'newest', 'best'] as const;
export type Sort = (typeof SORTS)[number];

export interface Comment {
  id: number;
  parent: number | null;
  depth: number;
  author: string;
  html: string;
  created_at: string;
  edited_at: string | null;
  relative_time: string;
  full_time: string;
  upvotes: number;
  downvotes: number;
  score: number;
  deleted: boolean;
  reply_to?: { id: number; author: string } | null;
  replies?: Comment[];
}

export interface ThreadInfo {
  site: string;
  key: string;
  title: string;
  closed: boolean;
  count: number;
  notify?: boolean; // the server can mail replies: the forms offer it
}

export interface Page {
  thread: ThreadInfo;
  comments: Comment[];
  next_cursor: string | null;
}

export interface Posted {
  status: 'published' | 'held';
  comment: Comment;
  edit_token: string;
  reasons?: Reason[];
  // Asked for reply e-mails (notify_email): where that stands (absent when not asked).
  notify?: 'confirm_sent' | 'confirm_pending' | 'confirmed' | 'unavailable';
  // Sent with a token: the reader's feed of the replies to their comments, a path (/api/v1/…).
  replies_feed?: string;
}

// Where one of the reader's own comments stands (POST /api/v1/comments/status).
export interface MineStatus {
  id: number;
  status: 'published' | 'held' | 'rejected' | 'deleted' | 'unknown';
  comment?: Comment;
  reasons?: Reason[];
}

export interface Reason {
  check?: string;
  code: string;
  detail?: string;
  score?: number;
}

export interface VoteCounts {
  id: number;
  upvotes: number;
  downvotes: number;
  score: number;
}
