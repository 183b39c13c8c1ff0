// Every string the reader sees, in French (default) and English, and the messages of every
// error code of the API (docs/API.md). Each entry holds both languages, so a word without its
// translation does not compile; the error map is typed against the code list, so a code without
// a message does not compile either.
import type { Reason } from './types';
import type { ConsoleOnlyCode } from './console_codes';
import type { ErrorCode } from './error_codes';

export type Lang = 'fr' | 'en';

// Each one in French and in English, side by side, split at the bar: 'fr|en' (one string rather
// than a pair of them: the widget is shorter; no text holds a bar).
type Pair = `${string}|${string}`;

// The entries of the three tables below are in the order that gzip compresses best (npm run
// size: the widget's budget), found by trying moves one by one; it means nothing else, and a new
// entry can go anywhere (then `npm run size` says what it costs). Look words up by key or text.
const words = {
  oldest: 'Plus anciens|Oldest',
  countN: '{n} commentaires|{n} comments',
  more: 'Voir plus de commentaires|Show more comments',
  moreReplies: 'Afficher {n} réponses|Show {n} replies',
  reportWhy: 'Pourquoi signaler ce commentaire de {a} ?|Why report this comment by {a}?',
  commentBy: 'Commentaire de {a}|Comment by {a}',
  inReplyTo: 'en réponse à {a}|in reply to {a}',
  replyText: 'Votre réponse à {a}|Your reply to {a}',
  mailSent:
    'Un e-mail de confirmation vous a été envoyé : ouvrez son lien pour recevoir les réponses.|We sent you a confirmation e-mail: open its link to get replies.',
  removed: 'Votre commentaire est supprimé.|Your comment was deleted.',
  name: 'Votre nom|Your name',
  mailOn: 'Vous recevrez les réponses à ce commentaire par e-mail.|You will get replies to this comment by e-mail.',
  myFeedHint:
    'Flux privé : qui a ce lien voit les réponses à vos commentaires.|Private feed: whoever has this link sees the replies to your comments.',
  sortBy: 'Trier par|Sort by',
  deleted: 'Commentaire supprimé.|Comment deleted.',
  newest: 'Plus récents|Newest',
  yesDel: 'Oui, supprimer|Yes, delete',
  report: 'Signaler|Report',
  newN: '{n} nouveaux commentaires|{n} new comments',
  best: 'Meilleurs|Best',
  mailMe: 'Me prévenir des réponses par e-mail|Email me when someone replies',
  myFeed: 'Réponses à vos commentaires|Replies to your comments',
  replyTo: 'Répondre à {a}|Reply to {a}',
  updated: 'Votre commentaire est modifié.|Your comment was updated.',
  edit: 'Modifier|Edit',
  reply: 'Répondre|Reply',
  edited: '(modifié)|(edited)',
  publish: 'Publier|Post',
  cancel: 'Annuler|Cancel',
  editText: 'Modifier votre commentaire|Edit your comment',
  count1: '1 commentaire|1 comment',
  left: '{n} / {max}|{n} / {max}',
  new1: '1 nouveau commentaire|1 new comment',
  and: 'et|and',
  up: 'J’approuve|Upvote',
  readLess: 'Réduire|Show less',
  down: 'Je désapprouve|Downvote',
  mailPending:
    'Une confirmation a déjà été envoyée à cette adresse : ouvrez son lien.|A confirmation was already sent to this address: open its link.',
  email: 'E-mail (facultatif, jamais affiché)|E-mail (optional, never shown)',
  reportNote: 'Précisions (facultatif)|Details (optional)',
  lessReplies: 'Masquer les réponses|Hide replies',
  over: '{n} / {max} : {x} caractères de trop|{n} / {max}: {x} characters too many',
  copyLink: 'Copier le lien|Copy link',
  over1: '{n} / {max} : 1 caractère de trop|{n} / {max}: 1 character too many',
  send: 'Envoyer|Send',
  save: 'Enregistrer|Save',
  published: 'Votre commentaire est publié.|Your comment is published.',
  rejected: 'Votre commentaire n’a pas été publié : {r}.|Your comment was not published: {r}.',
  held:
    'Votre commentaire sera publié après vérification.|Your comment will be published after review.',
  text: 'Votre commentaire|Your comment',
  retry: 'Réessayer|Try again',
  loadError: 'Impossible de charger les commentaires.|The comments could not be loaded.',
  sending: 'Envoi…|Sending…',
  loading: 'Chargement des commentaires…|Loading comments…',
  del: 'Supprimer|Delete',
  pending: 'En attente de vérification.|Awaiting review.',
  copied: 'Lien copié|Link copied',
  network:
    'Connexion impossible. Vérifiez votre connexion puis réessayez.|No connection. Check your connection and try again.',
  rp_threat: 'Menace|Threat',
  reported:
    'Merci, les modérateurs vont examiner ce commentaire.|Thank you, the moderators will review this comment.',
  rp_off_topic: 'Hors sujet|Off topic',
  pendingWhy: 'En attente de vérification : {r}.|Awaiting review: {r}.',
  count0: 'Aucun commentaire|No comments',
  join: 'Participer à la discussion|Join the discussion',
  copyBar: 'Lien dans la barre d’adresse|Link in the address bar',
  readMore: 'Lire la suite|Read more',
  rp_other: 'Autre raison|Other reason',
  pickReason: 'Choisissez une raison.|Choose a reason.',
  broken:
    'Les règles de sécurité de cette page bloquent les commentaires.|The security rules of this page block the comments.',
  mailHint:
    'Rien n’est envoyé avant confirmation de l’adresse ; un clic dans un e-mail arrête les envois.|Nothing is sent before you confirm the address; one click in any e-mail stops it.',
  rp_hate: 'Propos haineux|Hate speech',
  unavailableIn:
    'Le service est momentanément indisponible, réessayez dans {n} secondes.|The service is briefly unavailable, try again in {n} seconds.',
  rateIn:
    'Vous publiez trop vite, réessayez dans {n} secondes.|You are posting too fast, try again in {n} seconds.',
  rateIn1:
    'Vous publiez trop vite, réessayez dans 1 seconde.|You are posting too fast, try again in 1 second.',
  rp_spam: 'Spam ou publicité|Spam or advertising',
  rp_abuse: 'Insulte ou harcèlement|Insult or harassment',
  mailNeeded: 'Indiquez votre e-mail pour recevoir les réponses.|Enter your e-mail to get replies.',
  confirmDel: 'Supprimer définitivement ce commentaire ?|Delete this comment for good?',
  closed: 'Cette discussion est fermée.|This discussion is closed.',
  now: "à l'instant|just now",
} satisfies Record<string, Pair>;

// Every code a reader's request can meet has its message here (a new code without one does not
// compile); the console's own codes (console_codes.ts) fall back to the server's message.
type ErrorMessages = Record<Exclude<ErrorCode, ConsoleOnlyCode>, Pair>;

const errors: ErrorMessages = {
  comment_not_published:
    'Ce commentaire n’est pas publié : impossible d’y répondre ou de voter.|This comment is not published: you cannot reply to it or vote on it.',
  invalid_vote: 'Ce vote n’est pas valide.|This vote is not valid.',
  email_invalid: 'L’adresse e-mail n’est pas valide.|The e-mail address is not valid.',
  thread_closed:
    'Cette discussion est fermée : il n’est plus possible de commenter.|This discussion is closed: no more comments can be posted.',
  rejected:
    'Votre commentaire n’a pas été publié car il ne respecte pas les règles de la discussion.|Your comment was not published because it breaks the discussion rules.',
  method_not_allowed: 'Cette action n’est pas permise.|This action is not allowed.',
  invalid_cursor:
    'Impossible de charger la suite. Rechargez la page.|The next comments could not be loaded. Reload the page.',
  invalid_percent_encoding:
    'L’adresse de la requête est mal encodée. Rechargez la page.|The request address is badly encoded. Reload the page.',
  invalid_json:
    'La requête est invalide. Rechargez la page puis réessayez.|The request is invalid. Reload the page and try again.',
  unavailable:
    'Le service est momentanément indisponible, réessayez dans quelques instants.|The service is briefly unavailable, try again in a moment.',
  invalid_argument:
    'Une des informations envoyées n’est pas valide.|Some of the information sent is not valid.',
  email_too_long: 'L’adresse e-mail est trop longue.|The e-mail address is too long.',
  unsupported_media_type:
    'La requête n’a pas pu être envoyée. Rechargez la page puis réessayez.|The request could not be sent. Reload the page and try again.',
  streams_full: 'Le direct est complet pour le moment.|Live updates are full for now.',
  text_empty:
    'Écrivez votre commentaire avant de le publier.|Write your comment before posting it.',
  invalid_utf8: 'Le texte contient des caractères invalides.|The text contains invalid characters.',
  nul_character: 'Le texte contient un caractère nul.|The text contains a NUL character.',
  too_many_votes:
    'Vous avez beaucoup voté : réessayez plus tard.|You have voted a lot: try again later.',
  too_many_keys: 'Trop d’articles demandés à la fois.|Too many articles asked for at once.',
  origin_not_allowed:
    'Ce site n’est pas autorisé à publier des commentaires.|This site is not allowed to post comments.',
  duplicate_json_key:
    'La requête nomme deux fois le même champ. Rechargez la page puis réessayez.|The request names a field twice. Reload the page and try again.',
  already_voted:
    'Vous avez déjà voté ainsi pour ce commentaire.|You already voted this way on this comment.',
  site_id_invalid:
    'Les commentaires sont mal configurés sur ce site (identifiant invalide).|Comments are misconfigured on this site (invalid identifier).',
  author_too_long: 'Votre nom est trop long.|Your name is too long.',
  body_too_large: 'Votre message est trop volumineux.|Your message is too large.',
  unknown_site:
    'Ce site n’est pas inscrit au service de commentaires.|This site is not registered with the comment service.',
  unknown_comment: 'Ce commentaire n’existe plus.|This comment no longer exists.',
  rate_limited:
    'Vous publiez trop vite, réessayez dans quelques instants.|You are posting too fast, try again in a moment.',
  banned:
    'Vous ne pouvez plus publier de commentaires sur ce site.|You can no longer post comments on this site.',
  unknown_thread: 'Cette discussion n’existe pas.|This discussion does not exist.',
  unknown_parent:
    'Le commentaire auquel vous répondez n’existe plus.|The comment you are replying to no longer exists.',
  key_invalid:
    'Cet article ne peut pas recevoir de commentaires (identifiant invalide).|This article cannot take comments (invalid identifier).',
  author_missing: 'Indiquez votre nom.|Enter your name.',
  internal:
    'Une erreur est survenue de notre côté. Réessayez plus tard.|Something went wrong on our side. Try again later.',
  too_many_reports:
    'Vous avez beaucoup signalé : réessayez plus tard.|You have reported a lot: try again later.',
  own_comment:
    'Vous ne pouvez pas voter pour votre propre commentaire.|You cannot vote on your own comment.',
  not_found:
    'Le service de commentaires est introuvable. Réessayez plus tard.|The comment service cannot be found. Try again later.',
  too_many_streams:
    'Trop de discussions suivies en direct depuis votre connexion.|Too many discussions followed live from your connection.',
  thread_creation_disabled:
    'Les commentaires ne sont pas ouverts pour cet article.|Comments are not open for this article.',
  bad_edit_token:
    'Vous ne pouvez modifier ou supprimer que vos propres commentaires, depuis le navigateur où vous les avez écrits.|You can only edit or delete your own comments, from the browser you wrote them in.',
  already_reported:
    'Vous avez déjà signalé ce commentaire, merci.|You already reported this comment, thank you.',
  text_too_long:
    'Votre commentaire dépasse 5\u00a0000 caractères : raccourcissez-le.|Your comment is longer than 5,000 characters: please shorten it.',
  edit_window_expired:
    'Le délai pour modifier ou supprimer ce commentaire est dépassé.|The time to edit or delete this comment is over.',
};

// Moderation reason codes, said in plain words after "not published: ...".
const reasons: Record<string, Pair> = {
  too_long: 'il est trop long|it is too long',
  banned: 'votre compte est suspendu|your account is suspended',
  shouting:
    'il est écrit en majuscules ou avec trop de ponctuation|it is written in capitals or with too much punctuation',
  off_topic: 'il est hors sujet|it is off topic',
  empty: 'il est vide|it is empty',
  email: 'il contient une adresse e-mail|it contains an e-mail address',
  url: 'il contient un lien|it contains a link',
  link: 'il contient un lien|it contains a link',
  suspect_word: 'il contient un mot qui doit être vérifié|it contains a word that must be checked',
  length: 'il est trop long|it is too long',
  banned_word: 'il contient un mot interdit|it contains a banned word',
  toxic: 'il est jugé injurieux|it was found abusive',
  phone: 'il contient un numéro de téléphone|it contains a phone number',
  toxicity: 'il est jugé injurieux|it was found abusive',
  profanity: 'il contient des grossièretés|it contains swear words',
  hate:
    'il contient des propos haineux envers un groupe de personnes|it contains hateful words about a group of people',
  too_many_lines: 'il a trop de lignes|it has too many lines',
  incitement: 'il appelle à la violence|it calls for violence',
  insult: 'il contient des insultes|it contains insults',
  threat: 'il contient des menaces|it contains threats',
  handle:
    'il contient des coordonnées (WhatsApp, Telegram…)|it contains contact details (WhatsApp, Telegram…)',
  terrorism_apologia: 'il fait l’apologie du terrorisme|it glorifies terrorism',
  spam: 'il ressemble à de la publicité|it looks like advertising',
  contact:
    'il contient des coordonnées (WhatsApp, Telegram…)|it contains contact details (WhatsApp, Telegram…)',
  flood: 'vous publiez trop vite|you are posting too fast',
  duplicate: 'vous avez déjà publié ce commentaire|you already posted this comment',
  copy_paste:
    'le même texte a déjà été publié par quelqu’un d’autre|someone else already posted the same text',
};

export type Key = keyof typeof words;

export interface I18n {
  t(key: Key, vars?: Record<string, string | number>): string;
  num(n: number): string;
  count(n: number): string;
  error(code: string, fallback?: string): string;
  reasons(list: Reason[]): string;
  // The plain words of the reasons ("il contient un lien et ..."), '' if none is known.
  why(list: Reason[]): string;
}

export function i18n(lang: Lang): I18n {
  const l = lang === 'en' ? 1 : 0; // the language's place in a Pair
  const pick = (pair: Pair) => pair.split('|')[l];
  const has = (o: object, k: string) => ({}).hasOwnProperty.call(o, k);
  // Digits grouped by hand: Intl.NumberFormat costs hundreds of milliseconds on its first use on
  // a slow phone (locale data), more than the whole first render.
  const sep = l ? ',' : '\u202f';
  const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const t = (key: Key, vars?: Record<string, string | number>) =>
    pick(words[key]).replace(/\{(\w+)\}/g, (_, v: string) => {
      const x = vars && vars[v];
      return typeof x === 'number' ? num(x) : x || '';
    });
  function why(list: Reason[]): string {
    const said: string[] = [];
    for (const r of list) {
      const w = has(reasons, r.code) ? pick(reasons[r.code]) : r.detail;
      if (w && said.indexOf(w) < 0) said.push(w);
    }
    const last = said.pop() || '';
    return said.length ? said.join(', ') + ' ' + t('and') + ' ' + last : last;
  }
  return {
    t,
    num,
    count: (n) => (n <= 0 ? t('count0') : n === 1 ? t('count1') : t('countN', { n })),
    error: (code, fallback) =>
      has(errors, code) ? pick(errors[code as keyof ErrorMessages]) : fallback || pick(errors.internal),
    why,
    reasons(list) {
      const r = why(list);
      return r ? t('rejected', { r }) : pick(errors.rejected);
    },
  };
}
