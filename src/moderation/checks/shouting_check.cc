#include "moderation/checks/shouting_check.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace palabre::moderation {
namespace {

// Acronyms of four letters or more that West African news comments write in capitals
// (shorter words never count). Institutions, armies, armed groups, parties, media.
constexpr std::string_view kAcronyms[] = {
    "CEDEAO", "ECOWAS", "UEMOA",   "BCEAO",  "MINUSMA", "MINUSCA", "MONUSCO", "UNICEF", "PNUD",
    "OTAN",   "NATO",   "FAMA",    "FARDC",  "FANCI",   "FACA",    "CNSP",    "CNRD",   "MPSR",
    "CTSP",   "MNLA",   "JNIM",    "EIGS",   "ISWAP",   "AQMI",    "FLNC",    "FCFA",   "PASTEF",
    "RHDP",   "PDCI",   "ADEMA",   "PNDS",   "SONATEL", "SENELEC", "ORTM",    "ORTB",   "AFRICOM",
    "USAID",  "ECOMOG", "CEMAC",   "CENSAD", "ONUSIDA", "COVID",   "FIFA",    "CAF",    "ONU",
    "UNESCO", "BOAD",   "APRODEM", "SAMU",   "URSS",
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

}  // namespace

ShoutingCheck::ShoutingCheck(const ShoutingConfig& config) : config_(config) {
  for (std::string_view a : kAcronyms) acronyms_.push_back(std::string(a));
  for (const auto& a : config_.acronyms) acronyms_.push_back(Upper(a));
  std::sort(acronyms_.begin(), acronyms_.end());
}

Verdict ShoutingCheck::Run(const Comment& comment, const Context& context) const noexcept {
  Verdict v;
  const std::string& t = context.text->original;
  const auto* p = reinterpret_cast<const std::uint8_t*>(t.data());
  const auto n = static_cast<std::int32_t>(t.size());

  // Capitals, word by word; runs of ! and ?.
  std::size_t counted = 0;
  std::size_t upper = 0;
  std::size_t word_letters = 0;
  std::size_t word_upper = 0;
  std::size_t word_begin = 0;
  std::vector<Span> spans;
  std::size_t run_begin = 0;
  std::size_t run_end = 0;
  std::size_t run_length = 0;
  auto end_word = [&](std::size_t end) {
    if (word_letters >= 4) {
      const bool acronym =
          word_upper * 2 >= word_letters &&
          std::binary_search(acronyms_.begin(), acronyms_.end(),
                             Upper(std::string_view(t).substr(word_begin, end - word_begin)));
      if (!acronym) {
        counted += word_letters;
        upper += word_upper;
      }
    }
    word_letters = 0;
    word_upper = 0;
  };
  auto end_run = [&] {
    if (run_length > static_cast<std::size_t>(config_.max_punctuation_run)) {
      spans.push_back(Span{run_begin, run_end});
    }
    run_length = 0;
  };
  bool punctuation_runs = false;
  for (std::int32_t i = 0; i < n;) {
    const auto at = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c > 0 && u_isalpha(c)) {
      if (word_letters == 0) word_begin = at;
      ++word_letters;
      if (u_isupper(c)) ++word_upper;
    } else {
      end_word(at);
    }
    if (c == '!' || c == '?') {
      if (run_length == 0) run_begin = at;
      ++run_length;
      run_end = static_cast<std::size_t>(i);
    } else if (c != ' ' || run_length == 0) {  // "! ! !" is one run
      const std::size_t before = spans.size();
      end_run();
      punctuation_runs |= spans.size() > before;
    }
  }
  end_word(t.size());
  {
    const std::size_t before = spans.size();
    end_run();
    punctuation_runs |= spans.size() > before;
  }

  // Stretched letters, from the normalised runs.
  bool stretched = false;
  const NormalizedText& text = *context.text;
  for (std::size_t i = 0; i < text.runs.size(); ++i) {
    if (text.runs[i] > config_.max_letter_run &&
        (i == 0 || text.origin[i].begin != text.origin[i - 1].begin)) {
      stretched = true;
      spans.push_back(text.origin[i]);
    }
  }

  const bool caps = counted >= static_cast<std::size_t>(config_.min_letters) &&
                    static_cast<double>(upper) >= config_.caps_ratio * static_cast<double>(counted);
  if (!caps && !punctuation_runs && !stretched) return v;
  std::string detail;
  double score = 0.5;
  if (caps) {
    const double ratio = static_cast<double>(upper) / static_cast<double>(counted);
    detail = "Majuscules (" + std::to_string(static_cast<int>(std::lround(ratio * 100))) + " %)";
    score = ratio;
  }
  if (punctuation_runs) detail += std::string(detail.empty() ? "P" : ", p") + "onctuation répétée";
  if (stretched) detail += std::string(detail.empty() ? "L" : ", l") + "ettres étirées";
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  v.Add(Reason{std::string(Name()), "shouting", detail + ".", score, config_.action,
               std::move(spans)});
  return v;
}

}  // namespace palabre::moderation
