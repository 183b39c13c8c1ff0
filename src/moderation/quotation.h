// Quotations in a comment's text: where someone else's words stand between quotation marks,
// and whether the writer asks them back. Shared by the checks that must not stop a reply for
// the words it quotes to condemn (violence, dehumanization).
#pragma once

#include <cstddef>
#include <string_view>

namespace palabre::moderation {

// Whether byte `at` of `original` stands inside a quotation: « », “ ”, straight double quotes,
// or straight single quotes used as marks (not an elision's apostrophe). Gives the opening mark's
// byte and the closing mark's (npos when the quotation never closes).
bool FindQuotation(std::string_view original, std::size_t at, std::size_t* open_mark,
                   std::size_t* close_mark);

// Whether the closing quotation mark at byte `close` of `original` ('"', '»' or '”') is followed,
// after spaces, by a question mark: the quotation is asked back to whoever wrote it.
bool AskedBack(std::string_view original, std::size_t close);

// Whether a normalised word (doubled letters squeezed: "apele" is "appelle") is a verb that gives
// someone's words before a quotation: "vous écrivez « … »", "on a lu « … »", "je cite : « … »",
// Wolof "wax" (to say).
bool QuotingVerb(std::string_view word);

}  // namespace palabre::moderation
