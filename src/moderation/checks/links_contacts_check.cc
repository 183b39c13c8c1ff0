#include "moderation/checks/links_contacts_check.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/ascii.h"

namespace palabre::moderation {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsDigit(c) || IsAsciiLetter(c); }

bool StartsWithNoCase(std::string_view t, std::size_t i, std::string_view prefix) {
  return t.size() - i >= prefix.size() &&
         text::EqualsIgnoreCase(t.substr(i, prefix.size()), prefix);
}

template <std::size_t N>
bool In(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

// Top-level domains that are not French words: a bare "x.com" is a link in any case.
constexpr std::string_view kGenericTlds[] = {"com",    "net",  "org",  "info",  "biz", "xyz",
                                             "online", "site", "shop", "store", "top", "club"};
// Top-level domains read as a link only when written in lower case after a real label
// ("aps.sn"): "Fini.Fr" at a missing space after a full stop is not a link.
constexpr std::string_view kLowerCaseTlds[] = {
    "io", "ly", "gl", "app", "live", "link", "click", "tv", "co", "sn", "ml", "bf",
    "tg", "bj", "gn", "cm",  "ga",   "cg",   "cd",    "mr", "gm", "fr", "be", "ch"};
// What a spaced-out domain may end with ("x . com", "x (dot) org").
constexpr std::string_view kTrickTlds[] = {"com", "net", "org", "info"};

// Words after a number that make it an amount or a count, not a phone number.
constexpr std::string_view kUnits[] = {
    "fcfa",   "cfa",       "f",        "francs",    "franc", "euros",     "euro",
    "eur",    "dollars",   "usd",      "xof",       "km",    "kms",       "kg",
    "tonnes", "t",         "ha",       "habitants", "morts", "personnes", "victimes",
    "ans",    "milliards", "millions", "mille",     "%",     "m"};

// Folded (squeezed) names of messaging services and invitations to use them.
constexpr std::string_view kPlatforms[] = {"whatsap",  "watsap",    "wathsap", "wasap",
                                           "telegram", "telegrame", "viber",   "wechat"};
// ("tel" and "direct" are left out: "un tel acte", "en direct de Bamako".)
constexpr std::string_view kInvitations[] = {
    "contactez", "contacter", "contacte", "contact", "ecrivez",   "ecrire",  "ecris",
    "apelez",    "apeler",    "apele",    "apel",    "joindre",   "joignez", "inbox",
    "dm",        "mp",        "numero",   "num",     "whatsapez", "ajoutez"};

// A word of the original: letters and digits (any script), '-' and '_'.
struct Word {
  std::size_t begin;
  std::size_t end;
  bool ascii;
  bool lower;  // no ASCII capital
};

std::vector<Word> Words(std::string_view t) {
  std::vector<Word> words;
  const auto* p = reinterpret_cast<const std::uint8_t*>(t.data());
  const auto n = static_cast<std::int32_t>(t.size());
  std::int32_t i = 0;
  bool in_word = false;
  Word w{};
  while (i < n) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool word_char = (c >= 0 && c < 0x80)
                               ? (IsAsciiAlnum(static_cast<char>(c)) || c == '-' || c == '_')
                               : (c > 0 && u_isalnum(c));
    if (word_char) {
      if (!in_word) w = Word{static_cast<std::size_t>(at), 0, true, true};
      in_word = true;
      if (c >= 0x80) w.ascii = false;
      if (c >= 'A' && c <= 'Z') w.lower = false;
      w.end = static_cast<std::size_t>(i);
    } else if (in_word) {
      words.push_back(w);
      in_word = false;
    }
  }
  if (in_word) words.push_back(w);
  return words;
}

bool HasLetter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return IsAsciiLetter(c); });
}

bool Overlaps(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const Span& s) { return s.begin < end && begin < s.end; });
}

// End of a URL starting at i: the next space or quote, without trailing punctuation.
std::size_t UrlEnd(std::string_view t, std::size_t i) {
  std::size_t end = i;
  while (end < t.size() && t[end] != ' ' && t[end] != '\n' && t[end] != '\t' && t[end] != '"' &&
         t[end] != '<' && t[end] != '>') {
    ++end;
  }
  while (end > i && std::string_view(".,;:!?)'").find(t[end - 1]) != std::string_view::npos) {
    --end;
  }
  return end;
}

std::string HostOf(std::string_view url) {
  std::size_t end = 0;
  while (end < url.size() && (IsAsciiAlnum(url[end]) || url[end] == '.' || url[end] == '-')) {
    ++end;
  }
  return text::AsciiLower(url.substr(0, end));
}

struct Findings {
  std::vector<Span> links;
  std::vector<std::string> hosts;
  std::vector<Span> emails;
  std::vector<Span> phones;
  std::vector<Span> handles;
  std::vector<Span> contacts;
  bool messenger_link = false;  // wa.me/, t.me/
};

void FindUrls(std::string_view t, Findings* f) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0 && IsAsciiAlnum(t[i - 1])) continue;
    std::size_t host_at = std::string_view::npos;
    if (StartsWithNoCase(t, i, "https://")) {
      host_at = i + 8;
    } else if (StartsWithNoCase(t, i, "http://")) {
      host_at = i + 7;
    } else if (StartsWithNoCase(t, i, "www.") && i + 4 < t.size() && IsAsciiAlnum(t[i + 4])) {
      host_at = i;
    } else if ((StartsWithNoCase(t, i, "wa.me/") || StartsWithNoCase(t, i, "t.me/"))) {
      host_at = i;
    }
    if (host_at == std::string_view::npos) continue;
    const std::size_t end = UrlEnd(t, i);
    if (end <= host_at) continue;
    std::string host = HostOf(t.substr(host_at, end - host_at));
    if (host == "wa.me" || host == "t.me") f->messenger_link = true;
    f->links.push_back(Span{i, end});
    f->hosts.push_back(std::move(host));
    i = end;
  }
}

void FindEmails(std::string_view t, const std::vector<Word>& words, Findings* f) {
  auto local_char = [](char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '@') continue;
    std::size_t left = i;
    while (left > 0 && local_char(t[left - 1])) --left;
    std::size_t right = i + 1;
    while (right < t.size() &&
           (IsAsciiAlnum(t[right]) || t[right] == '.' || t[right] == '-' || t[right] == '_')) {
      ++right;
    }
    while (right > i + 1 && (t[right - 1] == '.' || t[right - 1] == '-')) --right;
    const std::string_view domain = t.substr(i + 1, right - i - 1);
    if (left == i) {
      // "@name": a handle, unless it follows a letter.
      if (domain.size() >= 3 && domain.find('.') == std::string_view::npos) {
        f->handles.push_back(Span{i, right});
      }
      continue;
    }
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2 ||
        !HasLetter(domain.substr(dot + 1))) {
      continue;
    }
    f->emails.push_back(Span{left, right});
  }
  // "nom [at] site.com", "nom (at) site point com", "nom arobase site . com".
  for (std::size_t k = 1; k + 2 < words.size(); ++k) {
    const std::string w = text::AsciiLower(t.substr(words[k].begin, words[k].end - words[k].begin));
    const std::string_view before = t.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
    const std::string_view after = t.substr(words[k].end, words[k + 1].begin - words[k].end);
    const bool bracketed = !before.empty() && !after.empty() &&
                           std::string_view("[({").find(before.back()) != std::string_view::npos &&
                           std::string_view("])}").find(after.front()) != std::string_view::npos;
    if (!((w == "at" && bracketed) || w == "arobase")) continue;
    if (!words[k - 1].ascii || !words[k + 1].ascii) continue;
    // The domain: next word, then a dot (plain, spaced or spelled) and a top-level domain.
    std::size_t tld = k + 2;
    const std::string_view gap = t.substr(words[k + 1].end, words[tld].begin - words[k + 1].end);
    bool dotted = gap.find('.') != std::string_view::npos;
    std::string tld_word =
        text::AsciiLower(t.substr(words[tld].begin, words[tld].end - words[tld].begin));
    if (!dotted && (tld_word == "dot" || tld_word == "point") && tld + 1 < words.size()) {
      ++tld;
      dotted = true;
      tld_word = text::AsciiLower(t.substr(words[tld].begin, words[tld].end - words[tld].begin));
    }
    if (!dotted || !(In(kGenericTlds, tld_word) || In(kLowerCaseTlds, tld_word))) continue;
    f->emails.push_back(Span{words[k - 1].begin, words[tld].end});
  }
}

void FindDomains(std::string_view t, const std::vector<Word>& words, Findings* f) {
  auto text = [&](std::size_t k) {
    return t.substr(words[k].begin, words[k].end - words[k].begin);
  };
  auto gap = [&](std::size_t k) {  // between word k-1 and word k
    return t.substr(words[k - 1].end, words[k].begin - words[k - 1].end);
  };
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (!words[k].ascii || !words[k - 1].ascii) continue;
    const std::string tld = text::AsciiLower(text(k));
    const std::string_view g = gap(k);
    std::size_t first = k - 1;  // first label of the host
    bool found = false;
    if (g == ".") {
      while (first > 0 && gap(first) == "." && words[first - 1].ascii) --first;
      if (words[first].begin > 0 && t[words[first].begin - 1] == '@') continue;  // e-mail
      const bool two_dots = k - first >= 2;
      if (In(kGenericTlds, tld)) {
        found = HasLetter(text(k - 1)) || two_dots;
      } else if (In(kLowerCaseTlds, tld) && words[k].lower) {
        found =
            two_dots || (text(k - 1).size() >= 3 && words[k - 1].lower && HasLetter(text(k - 1)));
      }
    } else if (In(kTrickTlds, tld) && words[k].lower) {
      // "x . com", "x[.]com", "x (.) com".
      std::string squeezed;
      for (char c : g) {
        if (c != ' ') squeezed.push_back(c);
      }
      if (squeezed == "." || squeezed == "[.]" || squeezed == "(.)" || squeezed == "{.}") {
        found = true;
      } else if (k >= 2 && words[k - 2].ascii) {
        // "x dot com", "x (point) com", "x point com".
        const std::string word = text::AsciiLower(text(k - 1));
        auto only_brackets = [](std::string_view s) {
          return std::all_of(s.begin(), s.end(), [](char c) {
            return c == ' ' || std::string_view("[](){}").find(c) != std::string_view::npos;
          });
        };
        const bool bracketed = gap(k - 1).find_first_of("[({") != std::string_view::npos;
        if ((word == "dot" || (word == "point" && (tld == "com" || bracketed))) &&
            only_brackets(gap(k - 1)) && only_brackets(g) && HasLetter(text(k - 2)) &&
            text(k - 2).size() >= 2) {
          first = k - 2;
          found = true;
        }
      }
    }
    if (!found) continue;
    std::size_t end = words[k].end;
    if (end < t.size() && t[end] == '/') end = UrlEnd(t, end);
    std::string host =
        g == "." ? text::AsciiLower(t.substr(words[first].begin, words[k].end - words[first].begin))
                 : text::AsciiLower(text(first)) + "." + tld;
    // "lefaso.net.arnaque.com": the host found at "net" grows to the whole name, so that an
    // allowed domain cannot be the prefix of another.
    if (!f->links.empty() && f->links.back().begin == words[first].begin &&
        f->links.back().end < end) {
      f->links.back().end = end;
      f->hosts.back() = std::move(host);
      continue;
    }
    if (Overlaps(f->links, words[first].begin, end) ||
        Overlaps(f->emails, words[first].begin, end)) {
      continue;
    }
    f->links.push_back(Span{words[first].begin, end});
    f->hosts.push_back(std::move(host));
  }
}

// Byte length of a separator inside a phone number at i (0 if none): space, . - / ( ) and
// the no-break spaces French typography puts between digit groups.
std::size_t SeparatorAt(std::string_view t, std::size_t i) {
  if (std::string_view(" .-/()").find(t[i]) != std::string_view::npos) return 1;
  if (t.substr(i, 2) == "\xC2\xA0") return 2;
  if (t.substr(i, 3) == "\xE2\x80\xAF" || t.substr(i, 3) == "\xE2\x80\x89") return 3;
  return 0;
}

bool FollowedByUnit(std::string_view t, std::size_t end) {
  std::size_t i = end;
  while (i < t.size() && SeparatorAt(t, i) != 0 && t[i] != '.' && t[i] != '-' && t[i] != '/') {
    i += SeparatorAt(t, i);
  }
  if (i < t.size() && t[i] == '%') return true;
  std::size_t j = i;
  while (j < t.size() && IsAsciiLetter(t[j])) ++j;
  return j > i && In(kUnits, text::AsciiLower(t.substr(i, j - i)));
}

void FindPhones(std::string_view t, Findings* f) {
  for (std::size_t i = 0; i < t.size();) {
    std::size_t start = i;
    bool plus = false;
    std::size_t j = i;
    if (t[i] == '+') {
      j = i + 1;
      if (j < t.size() && t[j] == ' ') ++j;
      if (j >= t.size() || !IsDigit(t[j])) {
        ++i;
        continue;
      }
      plus = true;
    } else if (!IsDigit(t[i]) || (i > 0 && (IsAsciiLetter(t[i - 1]) || IsDigit(t[i - 1])))) {
      ++i;
      continue;
    }
    std::vector<std::size_t> groups;
    const std::size_t first_digit = j;
    std::size_t end = j;
    while (true) {
      const std::size_t group_start = j;
      while (j < t.size() && IsDigit(t[j])) ++j;
      groups.push_back(j - group_start);
      end = j;
      std::size_t k = j;
      std::size_t separators = 0;
      while (k < t.size() && separators < 3) {
        const std::size_t length = SeparatorAt(t, k);
        if (length == 0) break;
        k += length;
        ++separators;
      }
      if (separators >= 1 && separators <= 2 && k < t.size() && IsDigit(t[k])) {
        j = k;
        continue;
      }
      break;
    }
    i = std::max(end, start + 1);
    if (end < t.size() && IsAsciiLetter(t[end])) continue;  // "12h30", "2e"
    std::size_t digits = 0;
    for (std::size_t g : groups) digits += g;
    bool phone = false;
    if (plus) {
      phone = digits >= 8 && digits <= 15;
    } else if (t.substr(first_digit, 2) == "00") {
      phone = digits >= 11 && digits <= 15;
    } else if (digits >= 8 && digits <= 10) {
      const bool thousands =
          groups.size() >= 2 && groups[0] <= 3 &&
          std::all_of(groups.begin() + 1, groups.end(), [](std::size_t g) { return g == 3; });
      const bool date =
          groups.size() == 3 && ((groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4) ||
                                 (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2));
      const bool years = groups.size() == 2 && groups[0] == 4 && groups[1] == 4;
      phone = !thousands && !date && !years && !FollowedByUnit(t, end);
    } else if (digits >= 11 && digits <= 13) {
      // A country code written without + or 00: "221 77 123 45 67".
      const std::string_view code = t.substr(first_digit, 2);
      phone = groups.size() >= 3 && (code == "22" || code == "23" || code == "24");
    }
    if (phone) f->phones.push_back(Span{start, end});
  }
}

void FindContacts(const NormalizedText& text, Findings* f) {
  const std::string& folded = text.folded;
  bool platform = false;
  bool invitation = false;
  std::vector<Span> platform_spans;
  std::size_t at = 0;
  for (std::size_t w = 0; w < text.words.size(); ++w) {
    const std::string& word = text.words[w];
    const std::size_t begin = at;
    const std::size_t end = at + word.size();
    at = end + 1;
    bool is_platform = In(kPlatforms, word);
    std::size_t span_end = end;
    if (!is_platform && word == "whats" && w + 1 < text.words.size() &&
        (text.words[w + 1] == "ap" || text.words[w + 1] == "app")) {
      is_platform = true;
      span_end = end + 1 + text.words[w + 1].size();
    }
    if (is_platform) {
      platform = true;
      platform_spans.push_back(text.ToOriginal(begin, std::min(span_end, folded.size())));
    }
    if (In(kInvitations, word)) invitation = true;
  }
  if (f->messenger_link) {
    f->contacts.insert(f->contacts.end(), platform_spans.begin(), platform_spans.end());
    for (std::size_t k = 0; k < f->hosts.size(); ++k) {
      if (f->hosts[k] == "wa.me" || f->hosts[k] == "t.me") f->contacts.push_back(f->links[k]);
    }
    return;
  }
  if (platform && (!f->phones.empty() || !f->handles.empty() || invitation)) {
    f->contacts = std::move(platform_spans);
  }
}

bool Allowed(const std::vector<std::string>& domains, const std::string& host) {
  for (const auto& d : domains) {
    if (host == d) return true;
    if (host.size() > d.size() && host.compare(host.size() - d.size(), d.size(), d) == 0 &&
        host[host.size() - d.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

// The host of a site origin ("https://www.lefaso.net:443" → "lefaso.net"), lower case, "www."
// dropped; empty when there is none.
std::string OriginHost(std::string_view origin) {
  if (const auto scheme = origin.find("://"); scheme != std::string_view::npos) {
    origin.remove_prefix(scheme + 3);
  }
  origin = origin.substr(0, origin.find_first_of(":/?#"));
  std::string host = text::AsciiLower(origin);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

}  // namespace

LinksContactsCheck::LinksContactsCheck(const LinksContactsConfig& config) : config_(config) {
  for (auto& d : config_.allow_domains) {
    d = text::AsciiLower(d);
    if (d.rfind("www.", 0) == 0) d.erase(0, 4);
  }
}

Verdict LinksContactsCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  const std::string_view t = context.text->original;
  Findings f;
  const std::vector<Word> words = Words(t);
  FindUrls(t, &f);
  FindEmails(t, words, &f);
  FindDomains(t, words, &f);
  FindPhones(t, &f);
  FindContacts(*context.text, &f);

  // Links to allowed domains pass, and so do the site's own: readers name the paper they comment
  // in ("Merci lefaso.net") and link its other articles.
  std::vector<std::string> own_hosts;
  if (context.site != nullptr && !f.links.empty()) {
    for (const std::string& origin : context.site->origins) {
      if (std::string host = OriginHost(origin); host.find('.') != std::string::npos) {
        own_hosts.push_back(std::move(host));
      }
    }
  }
  std::vector<Span> links;
  std::string hosts;
  for (std::size_t k = 0; k < f.links.size(); ++k) {
    if (Allowed(config_.allow_domains, f.hosts[k]) || Allowed(own_hosts, f.hosts[k])) continue;
    links.push_back(f.links[k]);
    if (links.size() <= 3) hosts += (hosts.empty() ? "" : ", ") + f.hosts[k];
  }
  // Digits of an address or a link are not a phone number.
  std::vector<Span> phones;
  for (const Span& p : f.phones) {
    if (!Overlaps(f.links, p.begin, p.end) && !Overlaps(f.emails, p.begin, p.end)) {
      phones.push_back(p);
    }
  }
  auto add = [&](const std::vector<Span>& spans, Action action, const char* code,
                 std::string detail, double score) {
    if (spans.empty() || action == Action::kPass) return;
    v.Add(Reason{std::string(Name()), code, std::move(detail), score, action, spans});
  };
  add(links, config_.link_action, "link", "Lien vers " + hosts + ".", 0.9);
  add(phones, config_.phone_action, "phone",
      phones.size() == 1 ? std::string("Numéro de téléphone.")
                         : std::to_string(phones.size()) + " numéros de téléphone.",
      0.9);
  add(f.emails, config_.email_action, "email", "Adresse e-mail.", 0.9);
  add(f.contacts, config_.contact_action, "contact",
      "Invitation à écrire sur une messagerie (WhatsApp, Telegram...).", 0.8);
  return v;
}

}  // namespace palabre::moderation
