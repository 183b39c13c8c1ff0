#include "moderation/lexicon/matcher.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <utility>

namespace palabre::moderation::lexicon {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kMaxLVariants = 3;  // an 'l' may be written '1': up to 2^3 spellings

}  // namespace

Result<Matcher> Matcher::Build(std::vector<Term> terms) {
  Matcher m;
  m.terms_ = std::move(terms);

  // Normalise every term into its patterns.
  struct Source {
    std::string folded;
    Pattern pattern;
  };
  std::vector<Source> sources;
  for (std::uint32_t t = 0; t < m.terms_.size(); ++t) {
    std::string_view text = m.terms_[t].text;
    bool prefix = false;
    if (!text.empty() && text.back() == '*') {
      prefix = true;
      text.remove_suffix(1);
    }
    const NormalizedText n = Normalize(text);
    if (n.folded.empty()) {
      return Status(Error::kInvalidArgument,
                    "lexicon term \"" + m.terms_[t].text + "\" has no letter or digit");
    }
    Pattern p;
    p.term = t;
    p.length = static_cast<std::uint32_t>(n.folded.size());
    p.prefix = prefix;
    p.runs = n.runs;
    p.need_one.assign(n.folded.size(), 0);
    sources.push_back({n.folded, p});
    // Spellings with '1' for 'l': the text folds '1' to 'i', so add 'i' variants that demand
    // a written '1' at those places.
    std::vector<std::size_t> ls;
    for (std::size_t i = 0; i < n.folded.size() && ls.size() < kMaxLVariants; ++i) {
      if (n.folded[i] == 'l') ls.push_back(i);
    }
    for (std::size_t mask = 1; mask < (std::size_t{1} << ls.size()); ++mask) {
      Source v{n.folded, p};
      for (std::size_t k = 0; k < ls.size(); ++k) {
        if (mask & (std::size_t{1} << k)) {
          v.folded[ls[k]] = 'i';
          v.pattern.need_one[ls[k]] = 1;
        }
      }
      sources.push_back(std::move(v));
    }
  }

  // Byte classes: one per byte used by a pattern, class 0 for every other byte.
  m.byte_class_.fill(0);
  std::size_t classes = 1;
  for (const Source& s : sources) {
    for (unsigned char c : s.folded) {
      if (m.byte_class_[c] == 0) {
        if (classes == 256) return Status(Error::kInvalidArgument, "lexicon: too many symbols");
        m.byte_class_[c] = static_cast<std::uint8_t>(classes++);
      }
    }
  }
  m.classes_ = classes;

  // Trie.
  std::vector<std::uint32_t> go(classes, kNone);
  std::vector<std::vector<std::uint32_t>> outputs(1);
  for (std::uint32_t i = 0; i < sources.size(); ++i) {
    std::uint32_t state = 0;
    for (unsigned char c : sources[i].folded) {
      const std::size_t slot = state * classes + m.byte_class_[c];
      if (go[slot] == kNone) {
        go[slot] = static_cast<std::uint32_t>(outputs.size());
        outputs.emplace_back();
        go.resize(go.size() + classes, kNone);
      }
      state = go[slot];
    }
    m.patterns_.push_back(std::move(sources[i].pattern));
    outputs[state].push_back(i);
  }
  const std::size_t states = outputs.size();

  // Failure links in breadth-first order, turning the trie into a complete DFA; each state
  // inherits the outputs of its failure state.
  std::vector<std::uint32_t> fail(states, 0);
  std::deque<std::uint32_t> queue;
  for (std::size_t c = 0; c < classes; ++c) {
    std::uint32_t& next = go[c];
    if (next == kNone) {
      next = 0;
    } else {
      fail[next] = 0;
      queue.push_back(next);
    }
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    const auto& inherited = outputs[fail[s]];
    outputs[s].insert(outputs[s].end(), inherited.begin(), inherited.end());
    for (std::size_t c = 0; c < classes; ++c) {
      std::uint32_t& next = go[s * classes + c];
      if (next == kNone) {
        next = go[fail[s] * classes + c];
      } else {
        fail[next] = go[fail[s] * classes + c];
        queue.push_back(next);
      }
    }
  }
  m.delta_ = std::move(go);
  m.out_begin_.assign(states + 1, 0);
  for (std::size_t s = 0; s < states; ++s) {
    m.out_begin_[s] = static_cast<std::uint32_t>(m.out_.size());
    m.out_.insert(m.out_.end(), outputs[s].begin(), outputs[s].end());
  }
  m.out_begin_[states] = static_cast<std::uint32_t>(m.out_.size());
  return m;
}

bool Matcher::Accept(const Pattern& p, const NormalizedText& text, std::size_t end) const {
  const std::size_t begin = end - p.length;
  const std::string& f = text.folded;
  if (begin > 0 && f[begin - 1] != ' ') return false;
  if (!p.prefix && end < f.size() && f[end] != ' ') return false;
  for (std::size_t i = 0; i < p.length; ++i) {
    if (text.runs[begin + i] < p.runs[i]) return false;
    if (p.need_one[i] && !(text.marks[begin + i] & kFromDigitOne)) return false;
  }
  return true;
}

void Matcher::FindAll(const NormalizedText& text, std::vector<Match>* out) const {
  if (delta_.empty()) return;
  const std::size_t first = out->size();
  std::vector<Match> allowed;
  std::uint32_t state = 0;
  const std::string& f = text.folded;
  for (std::size_t i = 0; i < f.size(); ++i) {
    state = delta_[state * classes_ + byte_class_[static_cast<unsigned char>(f[i])]];
    for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
      const Pattern& p = patterns_[out_[k]];
      if (!Accept(p, text, i + 1)) continue;
      Match match{i + 1 - p.length, i + 1, p.term};
      if (terms_[p.term].level == Level::kAllow) {
        allowed.push_back(match);
        continue;
      }
      // Variants of one term can accept the same place: keep one.
      bool seen = false;
      for (std::size_t j = first; j < out->size(); ++j) {
        const Match& o = (*out)[j];
        if (o.term == match.term && o.begin == match.begin && o.end == match.end) seen = true;
      }
      if (!seen) out->push_back(match);
    }
  }
  if (allowed.empty()) return;
  auto inside_allowed = [&](const Match& m) {
    for (const Match& a : allowed) {
      if (a.begin <= m.begin && m.end <= a.end) return true;
    }
    return false;
  };
  out->erase(
      std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(), inside_allowed),
      out->end());
}

}  // namespace palabre::moderation::lexicon
