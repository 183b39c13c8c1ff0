// The violence check's tokenizer (sentences, clauses, proper names, emoji, multiword names) and
// the quoting of matches: what a reason quotes, and quotations that answer someone.
#include "moderation/checks/violence/tokens.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "moderation/classifier/topic.h"
#include "moderation/quotation.h"

namespace palabre::moderation::violence {
namespace {

// Reads one UTF-8 code point at s[i], advancing i; U+FFFD on a bad byte.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool IsUpperStart(std::string_view s) {
  if (s.empty()) return false;
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 >= 'A' && b0 <= 'Z') return true;
  // Latin-1 capitals with accents: U+00C0..U+00DE, UTF-8 C3 80..C3 9E.
  return s.size() > 1 && b0 == 0xC3 && static_cast<unsigned char>(s[1]) <= 0x9E;
}

bool IsLowerAt(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b >= 'a' && b <= 'z') return true;
  return b == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x9F;
}

std::size_t Utf8Length(unsigned char b) {
  return b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
}

}  // namespace

std::vector<Token> Tokenize(const NormalizedText& text, const Tables& t) {
  std::vector<Token> tokens;
  tokens.reserve(text.words.size() + 4);
  const std::string_view original = text.original;
  std::size_t folded_at = 0;
  std::size_t previous_end = 0;  // in the original
  int sentence = 0;
  bool sentence_pending = true;
  for (const std::string& word : text.words) {
    const std::size_t begin = text.folded.find(word, folded_at);
    if (word.empty() || begin == std::string::npos) break;
    const std::size_t end = begin + word.size();
    folded_at = end;
    Token token;
    token.word = std::string_view(text.folded).substr(begin, word.size());
    token.span = text.ToOriginal(begin, end);
    // What separates this word from the previous one in the original.
    bool clause = false;
    bool hyphen = false;
    for (std::size_t i = previous_end; i < token.span.begin && i < original.size();) {
      const std::size_t at = i;
      const char32_t cp = NextCodePoint(original, i);
      switch (cp) {
        case U'.':
        case U'!':
        case U'?':
        case U';':
        case U'\n':
        case 0x2026:
          if (!tokens.empty()) sentence_pending = true;
          break;
        case U',':
        case U':':
        case U'(':
        case U')':
        case U'"':
        case 0xAB:
        case 0xBB:
        case 0x2014:
        case 0x2013:
        case U'/':
        case U'[':
        case U']':
          clause = true;
          break;
        case U'-':
          hyphen = true;
          break;
        default:
          for (const EmojiAct& e : kEmoji) {
            if (e.code_point != cp) continue;
            Token emoji;
            emoji.span = Span{at, i};
            if (sentence_pending) {
              sentence += tokens.empty() ? 0 : 1;
              sentence_pending = false;
              emoji.clause_start = true;
            }
            emoji.sentence = sentence;
            if (e.head.empty()) {
              emoji.f = kFuneral;
            } else {
              for (std::size_t h = 0; h < t.heads.size(); ++h) {
                if (t.heads[h].lemma == e.head) emoji.head = static_cast<int>(h);
              }
            }
            tokens.push_back(emoji);
          }
          break;
      }
    }
    if (sentence_pending) {
      sentence += tokens.empty() ? 0 : 1;
      sentence_pending = false;
      clause = true;
    }
    token.sentence = sentence;
    token.clause_start = clause || tokens.empty();
    token.hyphen_before = hyphen && !clause;
    const std::string_view written =
        original.substr(token.span.begin, token.span.end - token.span.begin);
    token.title_case = !token.clause_start && written.size() > 1 && IsUpperStart(written) &&
                       IsLowerAt(written, Utf8Length(static_cast<unsigned char>(written[0])));
    token.upper =
        written.size() >= 2 && written.size() <= 6 &&
        std::all_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    previous_end = token.span.end;

    const std::string key(token.word);
    if (auto it = t.word_features.find(key); it != t.word_features.end()) token.f = it->second;
    if (auto it = t.act_forms.find(key); it != t.act_forms.end()) token.head = it->second;
    if ((token.f & kFunction) == 0 && token.word.size() >= 3) {
      const std::string stem = classifier::FrenchStem(token.word);
      const bool participle_adjective = EndsWith(key, "ant") || EndsWith(key, "ante") ||
                                        EndsWith(key, "ants") || EndsWith(key, "antes");
      if (token.head < 0 && !participle_adjective && (token.f & kBenign) == 0) {
        if (auto st = t.act_stems.find(stem); st != t.act_stems.end()) token.head = st->second;
      }
      if (token.f == 0 && stem.size() >= kMinNounStem) {
        if (auto it = t.stem_features.find(stem); it != t.stem_features.end()) token.f = it->second;
      }
    }
    tokens.push_back(token);
  }
  // Multiword names replace the classes of their words.
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].word.empty()) continue;
    const auto it = t.phrases.find(std::string(tokens[i].word));
    if (it == t.phrases.end()) continue;
    for (const Tables::Phrase& p : it->second) {
      if (i + p.words.size() > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < p.words.size() && match; ++k) {
        match = tokens[i + k].word == p.words[k];
      }
      if (!match) continue;
      for (std::size_t k = 0; k < p.words.size(); ++k) {
        tokens[i + k].f = p.features;
        tokens[i + k].head = -1;
      }
      i += p.words.size() - 1;
      break;
    }
  }
  // An acronym ("RTB", "ORTM") is a proper name, unless the whole comment shouts.
  const auto upper =
      std::count_if(tokens.begin(), tokens.end(), [](const Token& k) { return k.upper; });
  if (upper * 3 < static_cast<std::ptrdiff_t>(tokens.size())) {
    for (Token& k : tokens) {
      if (k.upper && (k.f & kFunction) == 0 && !k.clause_start) k.title_case = true;
    }
  }
  // "s'il": a condition, not the pronoun of "s'occuper".
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].word == "s" && OneOf(tokens[i + 1].word, {"il", "ils"})) {
      tokens[i].f |= kCondition | kBreak;
    }
  }
  return tokens;
}

std::string Quote(const std::vector<Token>& tokens, std::string_view original,
                  std::pair<int, int> range) {
  constexpr std::size_t kMaxQuote = 60;
  const std::size_t begin = tokens[static_cast<std::size_t>(range.first)].span.begin;
  std::size_t end = tokens[static_cast<std::size_t>(range.second)].span.end;
  if (end > original.size() || begin >= end) return "";
  if (end - begin > kMaxQuote) {
    end = begin + kMaxQuote;
    while (end > begin && (static_cast<unsigned char>(original[end]) & 0xC0) == 0x80) --end;
  }
  return std::string(original.substr(begin, end - begin));
}

bool QuotedToAnswer(const std::vector<Token>& tokens, std::string_view original, int i) {
  std::size_t mark = 0;
  std::size_t close = 0;
  if (!FindQuotation(original, tokens[static_cast<std::size_t>(i)].span.begin, &mark, &close)) {
    return false;
  }
  // A quotation asked back: "« Bien fait pour les soldats » ? Non, monsieur."
  if (close != std::string_view::npos && AskedBack(original, close)) return true;
  // Or the verb follows the closing mark: "« Mort aux traîtres », tu dis ?", "… », disent-ils".
  if (close != std::string_view::npos) {
    static constexpr std::string_view kSaid[] = {
        "dis",   "dites",  "dit",  "disent", "ecris",   "ecrivez", "ecrit",  "cries",
        "criez", "crient", "oses", "osez",   "repetes", "repetez", "apeles", "apelez"};
    int after = 0;
    for (std::size_t k = static_cast<std::size_t>(i) + 1; k < tokens.size() && after < 3; ++k) {
      const Token& t = tokens[k];
      if (t.span.begin < close) continue;  // still inside the quotation
      ++after;
      if (t.word == "je" || t.word == "j") break;  // "…», je dis": the writer's own words
      for (std::string_view w : kSaid) {
        if (t.word == w) return true;
      }
    }
  }
  // Or the reader's words named as theirs: "Arrêtez avec vos « il faut tous les tuer »", "Ton
  // « qu'on les pende » ne ramènera personne", "« … », c'est ça ta solution ?".
  static constexpr std::string_view kYour[] = {"ton", "ta", "tes", "votre", "vos"};
  auto your = [](std::string_view word) {
    return std::find(std::begin(kYour), std::end(kYour), word) != std::end(kYour);
  };
  if (close != std::string_view::npos) {
    std::vector<std::string_view> after;
    for (std::size_t k = static_cast<std::size_t>(i) + 1; k < tokens.size() && after.size() < 14;
         ++k) {
      if (tokens[k].span.begin > close) after.push_back(tokens[k].word);
    }
    if (after.size() >= 4 && after[0] == "c" && after[1] == "est" && after[2] == "ca") {
      for (std::size_t k = 3; k < after.size(); ++k) {
        if (your(after[k])) return true;
      }
    }
    // "« … » c'est comme ça qu'on parle à un journaliste ?" ("comme" is squeezed to "come")
    if (after.size() >= 5 && after[0] == "c" && after[1] == "est" && after[2] == "come" &&
        after[3] == "ca" && after[4] == "qu") {
      return true;
    }
    // Or named for what it is right after: "« … », c'est une menace de mort, pas un débat",
    // "« … » ce n'est pas une opinion, c'est une menace" (not "« … », c'est mon opinion").
    static constexpr std::string_view kNamed[] = {"menace",      "menaces",   "honte",
                                                  "honteux",     "honteuse",  "crime",
                                                  "inaceptable", "punisable", "intolerable"};
    // "« … » : voilà ce qu'un lecteur a écrit au journaliste".
    if (after.size() >= 4 && after[0] == "voila" && after[1] == "ce" && after[2] == "qu") {
      for (std::size_t k = 3; k < after.size() && k < 9; ++k) {
        if (QuotingVerb(after[k])) return true;
      }
    }
    // Spoken: "'on connait ta voiture' c une menace ca", "« … » : ça c'est une menace".
    const std::size_t c = after.size() >= 2 && after[0] == "ca" ? 1 : 0;
    const bool is = after.size() >= c + 3 && (after[c] == "c" || after[c] == "ce") &&
                    (after[c + 1] == "est" || after[c + 2] == "est" || after[c + 1] == "une");
    for (std::size_t k = c + 2; is && k < after.size(); ++k) {
      if (std::find(std::begin(kNamed), std::end(kNamed), after[k]) != std::end(kNamed)) {
        return true;
      }
      // "'Tuez-les tous'… c'est avec ces mots que le Rwanda a commencé".
      if (after[k] == "mots" && after[k - 1] == "ces") return true;
    }
  }
  // Or a verb of saying, reading or citing a few words before the opening mark, or the reader's
  // possessive right before it.
  int said = 0;
  for (int k = i - 1; k >= 0 && said < 8; --k) {
    const Token& t = tokens[static_cast<std::size_t>(k)];
    if (t.span.end > mark) continue;  // inside the quotation
    ++said;
    if (said <= 2 && your(t.word)) return true;
    if (QuotingVerb(t.word)) return true;
  }
  return false;
}

}  // namespace palabre::moderation::violence
