// Every string the reader sees, in French (default) and English, and the messages of every
// error code of the API (docs/API.md). The error maps are typed against the code list, so a
// code without a message does not compile.
import type { Reason } from './types';
import type { ConsoleOnlyCode } from './console_codes';
import type { ErrorCode } from './error_codes';

export type Lang = 'fr' | 'en';

const fr = {
  count0: 'Aucun commentaire',
  count1: '1 commentaire',
  countN: '{n} commentaires',
  sortBy: 'Trier par',
  oldest: 'Plus anciens',
  newest: 'Plus récents',
  best: 'Meilleurs',
  join: 'Participer à la discussion',
  name: 'Votre nom',
  email: 'E-mail (facultatif, jamais affiché)',
  text: 'Votre commentaire',
  replyText: 'Votre réponse à {a}',
  editText: 'Modifier votre commentaire',
  publish: 'Publier',
  sending: 'Envoi…',
  cancel: 'Annuler',
  save: 'Enregistrer',
  reply: 'Répondre',
  replyTo: 'Répondre à {a}',
  inReplyTo: 'en réponse à {a}',
  edit: 'Modifier',
  del: 'Supprimer',
  confirmDel: 'Supprimer définitivement ce commentaire ?',
  yesDel: 'Oui, supprimer',
  edited: '(modifié)',
  deleted: 'Commentaire supprimé.',
  commentBy: 'Commentaire de {a}',
  more: 'Voir plus de commentaires',
  moreReplies: 'Afficher {n} réponses',
  lessReplies: 'Masquer les réponses',
  readMore: 'Lire la suite',
  readLess: 'Réduire',
  copyLink: 'Copier le lien',
  copied: 'Lien copié',
  copyBar: 'Lien dans la barre d’adresse',
  now: "à l'instant",
  broken: 'Les règles de sécurité de cette page bloquent les commentaires.',
  new1: '1 nouveau commentaire',
  newN: '{n} nouveaux commentaires',
  up: 'J’approuve',
  down: 'Je désapprouve',
  left: '{n} / {max}',
  over: '{n} / {max} : {x} caractères de trop',
  over1: '{n} / {max} : 1 caractère de trop',
  published: 'Votre commentaire est publié.',
  held: 'Votre commentaire sera publié après vérification.',
  pending: 'En attente de vérification.',
  pendingWhy: 'En attente de vérification : {r}.',
  updated: 'Votre commentaire est modifié.',
  removed: 'Votre commentaire est supprimé.',
  loading: 'Chargement des commentaires…',
  loadError: 'Impossible de charger les commentaires.',
  retry: 'Réessayer',
  closed: 'Cette discussion est fermée.',
  network: 'Connexion impossible. Vérifiez votre connexion puis réessayez.',
  rejected: 'Votre commentaire n’a pas été publié : {r}.',
  rateIn: 'Vous publiez trop vite, réessayez dans {n} secondes.',
  rateIn1: 'Vous publiez trop vite, réessayez dans 1 seconde.',
  unavailableIn: 'Le service est momentanément indisponible, réessayez dans {n} secondes.',
  and: 'et',
  report: 'Signaler',
  reportWhy: 'Pourquoi signaler ce commentaire de {a} ?',
  rp_spam: 'Spam ou publicité',
  rp_abuse: 'Insulte ou harcèlement',
  rp_hate: 'Propos haineux',
  rp_threat: 'Menace',
  rp_off_topic: 'Hors sujet',
  rp_other: 'Autre raison',
  reportNote: 'Précisions (facultatif)',
  send: 'Envoyer',
  pickReason: 'Choisissez une raison.',
  reported: 'Merci, les modérateurs vont examiner ce commentaire.',
};

type Strings = typeof fr;

const en: Strings = {
  count0: 'No comments',
  count1: '1 comment',
  countN: '{n} comments',
  sortBy: 'Sort by',
  oldest: 'Oldest',
  newest: 'Newest',
  best: 'Best',
  join: 'Join the discussion',
  name: 'Your name',
  email: 'E-mail (optional, never shown)',
  text: 'Your comment',
  replyText: 'Your reply to {a}',
  editText: 'Edit your comment',
  publish: 'Post',
  sending: 'Sending…',
  cancel: 'Cancel',
  save: 'Save',
  reply: 'Reply',
  replyTo: 'Reply to {a}',
  inReplyTo: 'in reply to {a}',
  edit: 'Edit',
  del: 'Delete',
  confirmDel: 'Delete this comment for good?',
  yesDel: 'Yes, delete',
  edited: '(edited)',
  deleted: 'Comment deleted.',
  commentBy: 'Comment by {a}',
  more: 'Show more comments',
  moreReplies: 'Show {n} replies',
  lessReplies: 'Hide replies',
  readMore: 'Read more',
  readLess: 'Show less',
  copyLink: 'Copy link',
  copied: 'Link copied',
  copyBar: 'Link in the address bar',
  now: 'just now',
  broken: 'The security rules of this page block the comments.',
  new1: '1 new comment',
  newN: '{n} new comments',
  up: 'Upvote',
  down: 'Downvote',
  left: '{n} / {max}',
  over: '{n} / {max}: {x} characters too many',
  over1: '{n} / {max}: 1 character too many',
  published: 'Your comment is published.',
  held: 'Your comment will be published after review.',
  pending: 'Awaiting review.',
  pendingWhy: 'Awaiting review: {r}.',
  updated: 'Your comment was updated.',
  removed: 'Your comment was deleted.',
  loading: 'Loading comments…',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  closed: 'This discussion is closed.',
  network: 'No connection. Check your connection and try again.',
  rejected: 'Your comment was not published: {r}.',
  rateIn: 'You are posting too fast, try again in {n} seconds.',
  rateIn1: 'You are posting too fast, try again in 1 second.',
  unavailableIn: 'The service is briefly unavailable, try again in {n} seconds.',
  and: 'and',
  report: 'Report',
  reportWhy: 'Why report this comment by {a}?',
  rp_spam: 'Spam or advertising',
  rp_abuse: 'Insult or harassment',
  rp_hate: 'Hate speech',
  rp_threat: 'Threat',
  rp_off_topic: 'Off topic',
  rp_other: 'Other reason',
  reportNote: 'Details (optional)',
  send: 'Send',
  pickReason: 'Choose a reason.',
  reported: 'Thank you, the moderators will review this comment.',
};

// Every code a reader's request can meet has its message here (a new code without one does not
// compile); the console's own codes (console_codes.ts) fall back to the server's message.
type ErrorMessages = Record<Exclude<ErrorCode, ConsoleOnlyCode>, string>;

const frErrors: ErrorMessages = {
  invalid_json: 'La requête est invalide. Rechargez la page puis réessayez.',
  invalid_utf8: 'Le texte contient des caractères invalides.',
  invalid_argument: 'Une des informations envoyées n’est pas valide.',
  body_too_large: 'Votre message est trop volumineux.',
  unsupported_media_type: 'La requête n’a pas pu être envoyée. Rechargez la page puis réessayez.',
  text_empty: 'Écrivez votre commentaire avant de le publier.',
  text_too_long: 'Votre commentaire dépasse 5\u00a0000 caractères : raccourcissez-le.',
  author_missing: 'Indiquez votre nom.',
  author_too_long: 'Votre nom est trop long.',
  email_invalid: 'L’adresse e-mail n’est pas valide.',
  email_too_long: 'L’adresse e-mail est trop longue.',
  key_invalid: 'Cet article ne peut pas recevoir de commentaires (identifiant invalide).',
  site_id_invalid: 'Les commentaires sont mal configurés sur ce site (identifiant invalide).',
  invalid_cursor: 'Impossible de charger la suite. Rechargez la page.',
  invalid_vote: 'Ce vote n’est pas valide.',
  too_many_keys: 'Trop d’articles demandés à la fois.',
  duplicate_json_key: 'La requête nomme deux fois le même champ. Rechargez la page puis réessayez.',
  nul_character: 'Le texte contient un caractère nul.',
  invalid_percent_encoding: 'L’adresse de la requête est mal encodée. Rechargez la page.',
  unknown_site: 'Ce site n’est pas inscrit au service de commentaires.',
  unknown_thread: 'Cette discussion n’existe pas.',
  unknown_comment: 'Ce commentaire n’existe plus.',
  unknown_parent: 'Le commentaire auquel vous répondez n’existe plus.',
  thread_closed: 'Cette discussion est fermée : il n’est plus possible de commenter.',
  thread_creation_disabled: 'Les commentaires ne sont pas ouverts pour cet article.',
  bad_edit_token: 'Vous ne pouvez modifier ou supprimer que vos propres commentaires, depuis le navigateur où vous les avez écrits.',
  edit_window_expired: 'Le délai pour modifier ou supprimer ce commentaire est dépassé.',
  already_voted: 'Vous avez déjà voté ainsi pour ce commentaire.',
  comment_not_published: 'Ce commentaire n’est pas publié : impossible d’y répondre ou de voter.',
  already_reported: 'Vous avez déjà signalé ce commentaire, merci.',
  rate_limited: 'Vous publiez trop vite, réessayez dans quelques instants.',
  rejected: 'Votre commentaire n’a pas été publié car il ne respecte pas les règles de la discussion.',
  banned: 'Vous ne pouvez plus publier de commentaires sur ce site.',
  own_comment: 'Vous ne pouvez pas voter pour votre propre commentaire.',
  too_many_votes: 'Vous avez beaucoup voté : réessayez plus tard.',
  too_many_reports: 'Vous avez beaucoup signalé : réessayez plus tard.',
  too_many_streams: 'Trop de discussions suivies en direct depuis votre connexion.',
  streams_full: 'Le direct est complet pour le moment.',
  not_found: 'Le service de commentaires est introuvable. Réessayez plus tard.',
  method_not_allowed: 'Cette action n’est pas permise.',
  origin_not_allowed: 'Ce site n’est pas autorisé à publier des commentaires.',
  unavailable: 'Le service est momentanément indisponible, réessayez dans quelques instants.',
  internal: 'Une erreur est survenue de notre côté. Réessayez plus tard.',
};

const enErrors: ErrorMessages = {
  invalid_json: 'The request is invalid. Reload the page and try again.',
  invalid_utf8: 'The text contains invalid characters.',
  invalid_argument: 'Some of the information sent is not valid.',
  body_too_large: 'Your message is too large.',
  unsupported_media_type: 'The request could not be sent. Reload the page and try again.',
  text_empty: 'Write your comment before posting it.',
  text_too_long: 'Your comment is longer than 5,000 characters: please shorten it.',
  author_missing: 'Enter your name.',
  author_too_long: 'Your name is too long.',
  email_invalid: 'The e-mail address is not valid.',
  email_too_long: 'The e-mail address is too long.',
  key_invalid: 'This article cannot take comments (invalid identifier).',
  site_id_invalid: 'Comments are misconfigured on this site (invalid identifier).',
  invalid_cursor: 'The next comments could not be loaded. Reload the page.',
  invalid_vote: 'This vote is not valid.',
  too_many_keys: 'Too many articles asked for at once.',
  duplicate_json_key: 'The request names a field twice. Reload the page and try again.',
  nul_character: 'The text contains a NUL character.',
  invalid_percent_encoding: 'The request address is badly encoded. Reload the page.',
  unknown_site: 'This site is not registered with the comment service.',
  unknown_thread: 'This discussion does not exist.',
  unknown_comment: 'This comment no longer exists.',
  unknown_parent: 'The comment you are replying to no longer exists.',
  thread_closed: 'This discussion is closed: no more comments can be posted.',
  thread_creation_disabled: 'Comments are not open for this article.',
  bad_edit_token: 'You can only edit or delete your own comments, from the browser you wrote them in.',
  edit_window_expired: 'The time to edit or delete this comment is over.',
  already_voted: 'You already voted this way on this comment.',
  comment_not_published: 'This comment is not published: you cannot reply to it or vote on it.',
  already_reported: 'You already reported this comment, thank you.',
  rate_limited: 'You are posting too fast, try again in a moment.',
  rejected: 'Your comment was not published because it breaks the discussion rules.',
  banned: 'You can no longer post comments on this site.',
  own_comment: 'You cannot vote on your own comment.',
  too_many_votes: 'You have voted a lot: try again later.',
  too_many_reports: 'You have reported a lot: try again later.',
  too_many_streams: 'Too many discussions followed live from your connection.',
  streams_full: 'Live updates are full for now.',
  not_found: 'The comment service cannot be found. Try again later.',
  method_not_allowed: 'This action is not allowed.',
  origin_not_allowed: 'This site is not allowed to post comments.',
  unavailable: 'The service is briefly unavailable, try again in a moment.',
  internal: 'Something went wrong on our side. Try again later.',
};

// Moderation reason codes, said in plain words after "not published: ...".
const frReasons: Record<string, string> = {
  empty: 'il est vide',
  length: 'il est trop long',
  too_long: 'il est trop long',
  too_many_lines: 'il a trop de lignes',
  duplicate: 'vous avez déjà publié ce commentaire',
  copy_paste: 'le même texte a déjà été publié par quelqu’un d’autre',
  flood: 'vous publiez trop vite',
  link: 'il contient un lien',
  url: 'il contient un lien',
  phone: 'il contient un numéro de téléphone',
  email: 'il contient une adresse e-mail',
  contact: 'il contient des coordonnées (WhatsApp, Telegram…)',
  handle: 'il contient des coordonnées (WhatsApp, Telegram…)',
  shouting: 'il est écrit en majuscules ou avec trop de ponctuation',
  banned_word: 'il contient un mot interdit',
  suspect_word: 'il contient un mot qui doit être vérifié',
  threat: 'il contient des menaces',
  incitement: 'il appelle à la violence',
  terrorism_apologia: 'il fait l’apologie du terrorisme',
  hate: 'il contient des propos haineux envers un groupe de personnes',
  insult: 'il contient des insultes',
  profanity: 'il contient des grossièretés',
  spam: 'il ressemble à de la publicité',
  toxic: 'il est jugé injurieux',
  toxicity: 'il est jugé injurieux',
  off_topic: 'il est hors sujet',
  banned: 'votre compte est suspendu',
};

const enReasons: Record<string, string> = {
  empty: 'it is empty',
  length: 'it is too long',
  too_long: 'it is too long',
  too_many_lines: 'it has too many lines',
  duplicate: 'you already posted this comment',
  copy_paste: 'someone else already posted the same text',
  flood: 'you are posting too fast',
  link: 'it contains a link',
  url: 'it contains a link',
  phone: 'it contains a phone number',
  email: 'it contains an e-mail address',
  contact: 'it contains contact details (WhatsApp, Telegram…)',
  handle: 'it contains contact details (WhatsApp, Telegram…)',
  shouting: 'it is written in capitals or with too much punctuation',
  banned_word: 'it contains a banned word',
  suspect_word: 'it contains a word that must be checked',
  threat: 'it contains threats',
  incitement: 'it calls for violence',
  terrorism_apologia: 'it glorifies terrorism',
  hate: 'it contains hateful words about a group of people',
  insult: 'it contains insults',
  profanity: 'it contains swear words',
  spam: 'it looks like advertising',
  toxic: 'it was found abusive',
  toxicity: 'it was found abusive',
  off_topic: 'it is off topic',
  banned: 'your account is suspended',
};

export type Key = keyof Strings;

export interface I18n {
  lang: Lang;
  t(key: Key, vars?: Record<string, string | number>): string;
  num(n: number): string;
  count(n: number): string;
  error(code: string, fallback?: string): string;
  reasons(list: Reason[]): string;
  // The plain words of the reasons ("il contient un lien et ..."), '' if none is known.
  why(list: Reason[]): string;
}

export function i18n(lang: Lang): I18n {
  const s = lang === 'en' ? en : fr;
  const errs = lang === 'en' ? enErrors : frErrors;
  const rs = lang === 'en' ? enReasons : frReasons;
  // Digits grouped by hand: Intl.NumberFormat costs hundreds of milliseconds on its first use on
  // a slow phone (locale data), more than the whole first render.
  const sep = lang === 'en' ? ',' : '\u202f';
  const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const t = (key: Key, vars?: Record<string, string | number>) =>
    s[key].replace(/\{(\w+)\}/g, (_, v: string) => {
      const x = vars ? vars[v] : undefined;
      return x == null ? '' : typeof x === 'number' ? num(x) : x;
    });
  function why(list: Reason[]): string {
    const words: string[] = [];
    for (const r of list) {
      const w = Object.prototype.hasOwnProperty.call(rs, r.code) ? rs[r.code] : r.detail || '';
      if (w && words.indexOf(w) < 0) words.push(w);
    }
    const last = words.pop() || '';
    return words.length ? words.join(', ') + ' ' + s.and + ' ' + last : last;
  }
  return {
    lang,
    t,
    num,
    count: (n) => (n <= 0 ? t('count0') : n === 1 ? t('count1') : t('countN', { n })),
    error: (code, fallback) =>
      Object.prototype.hasOwnProperty.call(errs, code)
        ? errs[code as keyof ErrorMessages]
        : fallback || errs.internal,
    why,
    reasons(list) {
      const r = why(list);
      return r ? t('rejected', { r }) : errs.rejected;
    },
  };
}
