#include "moderation/classifier/preprocess.h"

#include <unicode/uchar.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/classifier/fold.h"

namespace palabre::moderation::classifier {
namespace {

using Cps = std::u32string;
using CpsView = std::u32string_view;

// Top-level domains that make "word.tld" read as a link: the usual generic ones and those of
// the francophone West and Central African countries palabre is written for.
constexpr std::array<std::u32string_view, 46> kTlds = {
    U"com",  U"net", U"org",  U"info", U"biz",  U"fr",    U"sn",     U"ml",  U"ci",   U"bf",
    U"ne",   U"tg",  U"bj",   U"gn",   U"cm",   U"ga",    U"cd",     U"cg",  U"mr",   U"gm",
    U"td",   U"io",  U"me",   U"ly",   U"co",   U"tv",    U"xyz",    U"top", U"site", U"online",
    U"shop", U"app", U"link", U"club", U"live", U"store", U"africa", U"be",  U"ch",   U"ca",
    U"us",   U"uk",  U"de",   U"eu",   U"gl",   U"gg"};

bool IsSpace(char32_t c) { return c == U' '; }
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }
bool IsAlnum(char32_t c) { return IsDigit(c) || IsLetter(c); }

bool IsTrailingPunct(char32_t c) {
  switch (c) {
    case U'.':
    case U',':
    case U';':
    case U':':
    case U'!':
    case U'?':
    case U')':
    case U']':
    case U'}':
    case U'"':
    case U'\'':
    case 0x00BB:
    case 0x2026:
    case 0x201D:
      return true;
    default:
      return false;
  }
}

bool IsLeadingPunct(char32_t c) {
  switch (c) {
    case U'(':
    case U'[':
    case U'{':
    case U'"':
    case U'\'':
    case 0x00AB:
    case 0x201C:
      return true;
    default:
      return false;
  }
}

bool StartsWith(CpsView s, CpsView prefix) { return s.substr(0, prefix.size()) == prefix; }

bool IsUrl(CpsView tok) {
  if (StartsWith(tok, U"http://") || StartsWith(tok, U"https://")) return tok.size() > 8;
  if (StartsWith(tok, U"www.")) return tok.size() > 5;
  if (tok.find(U"://") != CpsView::npos) return true;
  const CpsView host = tok.substr(0, tok.find(U'/'));
  const std::size_t dot = host.rfind(U'.');
  if (dot == CpsView::npos || dot == 0 || dot + 1 >= host.size()) return false;
  for (char32_t c : host) {
    if (!(IsAlnum(c) || c == U'-' || c == U'.')) return false;
  }
  if (!IsAlnum(host[dot - 1])) return false;
  const CpsView tld = host.substr(dot + 1);
  for (CpsView known : kTlds) {
    if (tld == known) return true;
  }
  return false;
}

bool IsEmail(CpsView tok) {
  const std::size_t at = tok.find(U'@');
  if (at == 0 || at == CpsView::npos) return false;
  const CpsView domain = tok.substr(at + 1);
  const std::size_t dot = domain.rfind(U'.');
  if (dot == CpsView::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  for (std::size_t i = dot + 1; i < domain.size(); ++i) {
    if (!IsLetter(domain[i])) return false;
  }
  return true;
}

bool IsMention(CpsView tok) {
  if (tok.size() < 2 || tok[0] != U'@') return false;
  for (std::size_t i = 1; i < tok.size(); ++i) {
    if (!(IsAlnum(tok[i]) || tok[i] == U'_' || tok[i] == U'.')) return false;
  }
  return true;
}

// Digits that stand for letters in "l33t" spellings.
char32_t LeetLetter(char32_t c) {
  switch (c) {
    case U'0':
      return U'o';
    case U'1':
      return U'i';
    case U'3':
      return U'e';
    case U'4':
      return U'a';
    case U'5':
      return U's';
    case U'7':
      return U't';
    default:
      return 0;
  }
}

class Output {
 public:
  void Token(std::string_view token) {
    if (!out_.empty()) out_ += ' ';
    out_ += token;
    last_punct_ = 0;
  }

  void Token(CpsView token) {
    if (!out_.empty()) out_ += ' ';
    for (char32_t c : token) AppendUtf8(out_, c);
    last_punct_ = 0;
  }

  // A punctuation mark, symbol or emoji: its own token; runs are kept to three.
  void Punct(char32_t c) {
    if (c == last_punct_ && ++punct_run_ > 3) return;
    if (c != last_punct_) punct_run_ = 1;
    if (!out_.empty()) out_ += ' ';
    AppendUtf8(out_, c);
    last_punct_ = c;
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  char32_t last_punct_ = 0;
  int punct_run_ = 0;
};

class Scanner {
 public:
  explicit Scanner(Cps cps) : s_(std::move(cps)) {}

  std::string Run() {
    bool token_start = true;
    std::size_t p = 0;
    while (p < s_.size()) {
      const char32_t c = s_[p];
      if (IsSpace(c)) {
        token_start = true;
        ++p;
        continue;
      }
      if (token_start) {
        token_start = false;
        while (p < s_.size() && IsLeadingPunct(s_[p])) out_.Punct(s_[p++]);
        if (p < s_.size() && !IsSpace(s_[p])) {
          std::size_t end = p;
          while (end < s_.size() && !IsSpace(s_[end])) ++end;
          while (end > p && IsTrailingPunct(s_[end - 1])) --end;
          const CpsView tok(s_.data() + p, end - p);
          if (IsUrl(tok)) {
            out_.Token(std::string_view("__url__"));
            p = end;
            continue;
          }
          if (IsEmail(tok)) {
            out_.Token(std::string_view("__email__"));
            p = end;
            continue;
          }
          if (IsMention(tok)) {
            out_.Token(std::string_view("__user__"));
            p = end;
            continue;
          }
        }
        continue;
      }
      if (IsDigit(c) || (c == U'+' && Peek(p + 1, IsDigit))) {
        p = ScanNumber(p);
      } else if (IsLetter(c) || (c == U'$' && Peek(p + 1, IsLetter))) {
        p = ScanWord(p);
      } else if (c == U'-' && p > 0 && IsLetter(s_[p - 1]) && Peek(p + 1, IsLetter)) {
        ++p;  // "peut-être": the hyphen only separates
      } else {
        out_.Punct(c);
        ++p;
      }
    }
    return out_.Take();
  }

 private:
  bool Peek(std::size_t i, bool (*pred)(char32_t)) const { return i < s_.size() && pred(s_[i]); }

  // A run of digits with single separators between groups: "+223 76 12 34 56",
  // "15 000 000", "3,5", "12/05/2024".
  std::size_t ScanNumber(std::size_t p) {
    const bool plus = s_[p] == U'+';
    std::size_t q = plus ? p + 1 : p;
    std::vector<int> groups;
    int current = 0;
    int digits = 0;
    bool slash = false;
    bool decimal_mark = false;
    while (q < s_.size()) {
      const char32_t c = s_[q];
      if (IsDigit(c)) {
        ++current;
        ++digits;
        ++q;
        continue;
      }
      const bool separator = c == U' ' || c == U'.' || c == U',' || c == U'-' || c == U'/';
      if (separator && current > 0 && Peek(q + 1, IsDigit)) {
        groups.push_back(current);
        current = 0;
        slash |= c == U'/';
        decimal_mark |= c == U',' || c == U'.';
        ++q;
        continue;
      }
      break;
    }
    groups.push_back(current);
    bool thousands = groups.size() >= 2 && groups[0] <= 3;
    for (std::size_t i = 1; i < groups.size() && thousands; ++i) thousands = groups[i] == 3;
    const bool leading_zero = s_[plus ? p + 1 : p] == U'0';
    bool phone = false;
    if (!slash && digits >= 8 && digits <= 15) {
      phone = plus || leading_zero || !thousands;
      if (!plus && !leading_zero && decimal_mark && groups.size() == 2) phone = false;
    }
    out_.Token(std::string_view(phone ? "__phone__" : "__num__"));
    return q;
  }

  std::size_t ScanWord(std::size_t p) {
    Cps w;
    int letters = 0;
    std::size_t q = p;
    auto next_is_letter = [&](std::size_t i) { return Peek(i + 1, IsLetter); };
    while (q < s_.size()) {
      const char32_t c = s_[q];
      const bool after_letter = !w.empty() && IsLetter(w.back());
      if (IsLetter(c)) {
        w.push_back(c);
        ++letters;
      } else if (c == U'$' && (w.empty() || after_letter) && next_is_letter(q)) {
        w.push_back(U's');
        ++letters;
      } else if (c == U'@' && after_letter && next_is_letter(q)) {
        w.push_back(U'a');
        ++letters;
      } else if (c == U'*' && !w.empty() && (after_letter || w.back() == U'*') &&
                 (next_is_letter(q) || Peek(q + 1, [](char32_t x) { return x == U'*'; }))) {
        w.push_back(c);  // masked letters: "p*tain"
      } else if (IsDigit(c) && after_letter) {
        const char32_t leet = LeetLetter(c);
        const bool at_end = q + 1 >= s_.size() || !IsAlnum(s_[q + 1]);
        if (leet == 0 || !(next_is_letter(q) || (at_end && letters >= 3))) break;  // "g5", "10h30"
        w.push_back(leet);
        ++letters;
      } else if (c == U'\'' && !w.empty() && next_is_letter(q)) {
        w.push_back(c);  // elision: "l'" is a token of its own
        ++q;
        break;
      } else {
        break;
      }
      ++q;
    }
    // Stretched letters: a run of three or more identical letters becomes one.
    Cps folded;
    for (std::size_t i = 0; i < w.size();) {
      std::size_t j = i;
      while (j < w.size() && w[j] == w[i]) ++j;
      const std::size_t run = j - i;
      folded.append(run >= 3 && IsLetter(w[i]) ? 1 : run, w[i]);
      i = j;
    }
    out_.Token(CpsView(folded));
    return q;
  }

  Cps s_;
  Output out_;
};

}  // namespace

std::string PreprocessText(std::string_view text) { return Scanner(FoldText(text)).Run(); }

}  // namespace palabre::moderation::classifier
