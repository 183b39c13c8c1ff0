#include "http/errors.h"

#include <spdlog/spdlog.h>

#include "http/json.h"

namespace palabre::http {

// One case per line: tools/gen_error_codes.py parses these lines.
// clang-format off
ErrorInfo Describe(Error e) {
  switch (e) {
    case Error::kOk: return {200, "OK.", "OK."};
    case Error::kInvalidJson: return {400, "La requête n'est pas un objet JSON valide.", "The request body is not a valid JSON object."};
    case Error::kInvalidUtf8: return {400, "Le texte envoyé n'est pas en UTF-8 valide.", "The text sent is not valid UTF-8."};
    case Error::kInvalidArgument: return {400, "Un paramètre de la requête est invalide.", "A request parameter is invalid."};
    case Error::kBodyTooLarge: return {413, "La requête est trop volumineuse.", "The request body is too large."};
    case Error::kUnsupportedMediaType: return {415, "Le contenu doit être envoyé en JSON (application/json).", "The body must be sent as JSON (application/json)."};
    case Error::kTextEmpty: return {400, "Le commentaire est vide.", "The comment is empty."};
    case Error::kTextTooLong: return {422, "Le commentaire est trop long.", "The comment is too long."};
    case Error::kAuthorMissing: return {400, "Indiquez votre nom.", "Please enter your name."};
    case Error::kAuthorTooLong: return {422, "Le nom est trop long.", "The name is too long."};
    case Error::kEmailInvalid: return {400, "L'adresse e-mail n'est pas valide.", "The e-mail address is not valid."};
    case Error::kEmailTooLong: return {422, "L'adresse e-mail est trop longue.", "The e-mail address is too long."};
    case Error::kKeyInvalid: return {400, "L'identifiant de l'article est invalide.", "The article key is invalid."};
    case Error::kSiteIdInvalid: return {400, "L'identifiant du site est invalide.", "The site id is invalid."};
    case Error::kInvalidCursor: return {400, "Le lien vers la page suivante n'est plus valide.", "The pagination cursor is invalid."};
    case Error::kInvalidVote: return {400, "Le vote doit être « up » ou « down ».", "The vote must be « up » or « down »."};
    case Error::kTooManyKeys: return {400, "Trop d'articles demandés à la fois.", "Too many articles asked for at once."};
    case Error::kDuplicateJsonKey: return {400, "La requête nomme deux fois le même champ.", "The request names the same field twice."};
    case Error::kNulCharacter: return {400, "La requête contient un caractère nul.", "The request contains a NUL character."};
    case Error::kInvalidPercentEncoding: return {400, "L'adresse contient un encodage « % » invalide.", "The address contains an invalid « % » encoding."};
    case Error::kUnknownSite: return {404, "Site inconnu.", "Unknown site."};
    case Error::kUnknownThread: return {404, "Discussion introuvable.", "Unknown discussion."};
    case Error::kUnknownComment: return {404, "Ce commentaire n'existe pas ou a été supprimé.", "This comment does not exist or was deleted."};
    case Error::kUnknownParent: return {409, "Le commentaire auquel vous répondez n'est pas dans cette discussion.", "The comment you are replying to is not in this discussion."};
    case Error::kSiteExists: return {409, "Ce site existe déjà.", "This site already exists."};
    case Error::kThreadClosed: return {409, "Cette discussion est fermée.", "This discussion is closed."};
    case Error::kThreadCreationDisabled: return {403, "Les commentaires ne sont pas ouverts sur cet article.", "Comments are not open on this article."};
    case Error::kBadEditToken: return {403, "Vous ne pouvez pas modifier ce commentaire.", "You cannot edit this comment."};
    case Error::kEditWindowExpired: return {403, "Le délai pour modifier ce commentaire est écoulé.", "The time to edit this comment has run out."};
    case Error::kAlreadyVoted: return {409, "Vous avez déjà voté pour ce commentaire.", "You have already voted on this comment."};
    case Error::kCommentNotPublished: return {409, "Ce commentaire n'est pas encore publié.", "This comment is not published yet."};
    case Error::kDuplicateImport: return {409, "Ce commentaire a déjà été importé.", "This comment was already imported."};
    case Error::kAlreadyReported: return {409, "Vous avez déjà signalé ce commentaire.", "You have already reported this comment."};
    case Error::kUnknownUser: return {404, "Compte inconnu.", "Unknown account."};
    case Error::kUserExists: return {409, "Ce compte existe déjà.", "This account already exists."};
    case Error::kUnknownBan: return {404, "Ce bannissement n'existe pas.", "No such ban."};
    case Error::kUnknownApiKey: return {404, "Cette clé d'API n'existe pas.", "No such API key."};
    case Error::kUnknownWebhook: return {404, "Ce webhook n'existe pas.", "No such webhook."};
    case Error::kUnknownSubscriber:
      return {404, "Ce lien n'est plus valable.", "This link is no longer valid."};
    case Error::kUnknownUpload: return {404, "Ce fichier n'est plus là : envoyez-le de nouveau.", "This file is no longer here: upload it again."};
    case Error::kImportRunning: return {409, "Un import est déjà en cours pour ce site : attendez qu'il se termine.", "An import is already running for this site: wait for it to end."};
    case Error::kTooManyUploads: return {429, "Trop de fichiers en attente d'import : réessayez plus tard.", "Too many files waiting to be imported: try again later."};
    case Error::kImportFormatUnknown: return {422, "Format de fichier non reconnu : choisissez-le dans la liste.", "File format not recognised: choose it from the list."};
    case Error::kUnauthorized: return {401, "Connectez-vous pour continuer.", "Log in to continue."};
    case Error::kForbidden: return {403, "Votre compte n'a pas accès à ce site.", "Your account has no access to this site."};
    case Error::kCsrfFailed: return {403, "Requête refusée : rechargez la page et réessayez.", "Request refused: reload the page and try again."};
    case Error::kLoginFailed: return {401, "Adresse e-mail ou mot de passe incorrect.", "Wrong e-mail address or password."};
    case Error::kAccountLocked: return {429, "Trop de tentatives de connexion. Réessayez plus tard.", "Too many login attempts. Try again later."};
    case Error::kWeakPassword: return {400, "Le mot de passe doit compter au moins 12 caractères.", "The password must be at least 12 characters long."};
    case Error::kRateLimited: return {429, "Vous commentez trop vite. Réessayez dans quelques instants.", "You are commenting too fast. Try again in a moment."};
    case Error::kUndoNotPossible: return {409, "Impossible d'annuler : la dernière décision sur ce commentaire n'est pas la vôtre, ou il a changé depuis.", "Cannot undo: the last decision on this comment is not yours, or it changed since."};
    case Error::kUndoExpired: return {409, "Trop tard pour annuler : la décision date de plus de 30 secondes.", "Too late to undo: the decision is more than 30 seconds old."};
    case Error::kNotAutoRejected: return {409, "Ce commentaire n'a pas été rejeté automatiquement.", "This comment was not rejected automatically."};
    case Error::kRejected: return {422, "Votre commentaire n'a pas été publié : il ne respecte pas les règles de la discussion.", "Your comment was not published: it breaks the discussion rules."};
    case Error::kBanned: return {403, "Vous ne pouvez plus commenter sur ce site.", "You can no longer comment on this site."};
    case Error::kOwnComment: return {403, "Vous ne pouvez pas voter pour votre propre commentaire.", "You cannot vote on your own comment."};
    case Error::kTooManyVotes: return {429, "Vous avez beaucoup voté : réessayez plus tard.", "You have voted a lot: try again later."};
    case Error::kTooManyReports: return {429, "Vous avez beaucoup signalé : réessayez plus tard.", "You have reported a lot: try again later."};
    case Error::kApiKeyMissing: return {401, "Une clé d'API est nécessaire.", "An API key is required."};
    case Error::kApiKeyInvalid: return {403, "Clé d'API invalide.", "Invalid API key."};
    case Error::kApiRateLimited: return {429, "Trop de requêtes pour cette clé d'API : réessayez plus tard.", "Too many requests for this API key: try again later."};
    case Error::kTooManyStreams: return {429, "Trop de discussions ouvertes en direct depuis votre connexion : réessayez plus tard.", "Too many live discussions open from your connection: try again later."};
    case Error::kStreamsFull: return {503, "Le direct est complet pour le moment : réessayez dans quelques instants.", "Live updates are full for now: try again in a moment."};
    case Error::kNotFound: return {404, "Cette adresse n'existe pas.", "No such address."};
    case Error::kMethodNotAllowed: return {405, "Méthode non autorisée pour cette adresse.", "Method not allowed for this address."};
    case Error::kOriginNotAllowed: return {403, "Ce site n'est pas autorisé à utiliser ces commentaires.", "This origin may not use these comments."};
    case Error::kUnavailable: return {503, "Le service est momentanément indisponible. Réessayez dans quelques instants.", "The service is temporarily unavailable. Try again in a moment."};
    case Error::kInternal: return {500, "Une erreur interne est survenue.", "An internal error occurred."};
  }
  return {500, "Une erreur interne est survenue.", "An internal error occurred."};
}
// clang-format on

int HttpStatus(Error e) { return Describe(e).status; }

std::string_view ErrorMessage(Error e, text::Lang lang) {
  const ErrorInfo info = Describe(e);
  return lang == text::Lang::kEn ? info.en : info.fr;
}

void AppendErrorBody(std::string& out, Error e, text::Lang lang,
                     const std::vector<moderation::Reason>* reasons, std::string_view field) {
  out += "{\"error\":{\"code\":";
  AppendJsonString(out, ErrorCode(e));
  out += ",\"message\":";
  AppendJsonString(out, ErrorMessage(e, lang));
  if (reasons != nullptr) {
    out += ",\"reasons\":";
    AppendReasons(out, *reasons);
  }
  if (!field.empty()) {
    out += ",\"field\":";
    AppendJsonString(out, field);
  }
  out += "}}";
}

void SetError(Response& res, const Status& status, text::Lang lang, int retry_after_s,
              const std::vector<moderation::Reason>* reasons) {
  const Error e = status.ok() ? Error::kInternal : status.error();
  if (e == Error::kInternal || e == Error::kUnavailable) {
    // Internal detail goes to the log only; messages never carry comment text or addresses.
    spdlog::error("request failed: {}", status.ToString());
  }
  res.status = HttpStatus(e);
  res.content_type = kJsonType;
  res.shared_body.reset();
  res.body.clear();
  AppendErrorBody(res.body, e, lang, reasons);
  res.AddHeader("Cache-Control", "no-store");
  if (res.status == 429) res.AddHeader("Retry-After", std::max(retry_after_s, 1));
  if (e == Error::kUnavailable || e == Error::kStreamsFull) {
    res.AddHeader("Retry-After", std::max(retry_after_s, 5));
  }
}

void SetError(Response& res, Error e, text::Lang lang) { SetError(res, Status(e, ""), lang); }

void SetFieldError(Response& res, const Status& status, text::Lang lang, std::string_view field) {
  SetError(res, status, lang);
  if (field.empty()) return;
  res.body.clear();
  AppendErrorBody(res.body, status.ok() ? Error::kInternal : status.error(), lang, nullptr, field);
}

void SetFieldError(Response& res, Error e, text::Lang lang, std::string_view field) {
  SetFieldError(res, Status(e, ""), lang, field);
}

}  // namespace palabre::http
