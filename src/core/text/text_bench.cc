// Costs of the per-comment text work: normalising and rendering a posted comment, and the
// relative time computed for every comment of an uncached thread read.
#include <benchmark/benchmark.h>

#include <string>

#include "core/text/markdown.h"
#include "core/text/relative_time.h"
#include "core/text/utf8.h"

namespace palabre::text {
namespace {

const std::string& Comment() {
  static const std::string text =
      "Paix à leurs âmes. Les autorités doivent **agir vite** : voir [l'article]"
      "(https://example.com/actualites/2024/03/12/inondations) et *les chiffres* publiés hier.\n\n"
      "> Le bilan provisoire fait état de 12 morts.\n\n"
      "- solidarité avec les familles\n- que Dieu nous protège 🙏🏾\n";
  return text;
}

void BM_NormalizeUserText(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeUserText(Comment(), false));
}
BENCHMARK(BM_NormalizeUserText);

void BM_RenderMarkdown(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(RenderMarkdown(Comment()));
}
BENCHMARK(BM_RenderMarkdown);

void BM_RelativeTime(benchmark::State& state) {
  const TimestampMs now = 1'710'266'100'000;
  TimestampMs t = now;
  for (auto _ : state) {
    t -= 3'600'000;  // walks back an hour per call: every rule is exercised
    if (now - t > 90LL * 86'400'000) t = now;
    benchmark::DoNotOptimize(RelativeTime(t, now, Lang::kFr, "Europe/Paris"));
  }
}
BENCHMARK(BM_RelativeTime)->ThreadRange(1, 4);

void BM_LangFromAcceptLanguage(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(LangFromAcceptLanguage("fr-SN,fr;q=0.9,wo;q=0.8,en-US;q=0.7"));
  }
}
BENCHMARK(BM_LangFromAcceptLanguage);

}  // namespace
}  // namespace palabre::text
