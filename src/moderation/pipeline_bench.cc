// The whole moderation pipeline on realistic French news comments, with 1,000,000 prior
// comments recorded in the history (flood and duplicate index), on one core.
//
//   ninja -C build palabre_moderation_bench && build/src/moderation/palabre_moderation_bench
//
// BM_Evaluate reports comments/s (items_per_second) and the latency percentiles p50_us, p99_us
// and max_us measured around each Evaluate. Aim: p99 < 1 ms, >= 5,000 comments/s.
// The prior comments are generated from the sentence pieces below (a fixed seed), spread over
// the last six days, about half of them long enough for the similarity index.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "moderation/pipeline.h"

namespace palabre::moderation {
namespace {

constexpr TimestampMs kNow = 1'700'000'000'000;
constexpr int kPriorComments = 1'000'000;

constexpr const char* kPlaces[] = {"Djibo",  "Ménaka", "Kidal",   "Tillabéri", "Diffa",
                                   "Mopti",  "Ségou",  "Dori",    "Fada",      "Kaya",
                                   "Dakar",  "Thiès",  "Abidjan", "Bouaké",    "Niamey",
                                   "Bamako", "Ouaga",  "Cotonou", "Lomé",      "Maroua"};
constexpr const char* kPeople[] = {
    "le ministre",     "le président", "le gouverneur", "le maire",     "le chef d'état-major",
    "le porte-parole", "le préfet",    "le député",     "l'opposition", "la société civile"};

// Pieces of comments as readers of West African news sites write them.
constexpr const char* kPieces[] = {
    "Paix à leurs âmes.",
    "Triste nouvelle pour {place}.",
    "Que Dieu protège nos soldats.",
    "L'attaque de {place} a fait {n} morts, il faut une enquête sérieuse.",
    "La junte a échoué, il faut des élections libres et transparentes.",
    "{who} doit s'expliquer devant le peuple sur ce qui s'est passé à {place}.",
    "Les populations de {place} sont abandonnées depuis des mois.",
    "On nous parle de {n} milliards FCFA mais sur le terrain rien ne change.",
    "Le prix du sac de riz est passé à {n} francs à {place}, comment vivre ainsi ?",
    "La coupure d'électricité dure depuis {n} heures, la SENELEC doit réagir.",
    "Bravo aux Lions, quel match !",
    "L'arbitre a volé le match, c'est une honte.",
    "Les jeunes de {place} n'ont pas de travail, voilà le vrai problème.",
    "Ndeysaan, courage aux familles.",
    "Il faut renforcer la coopération avec les pays voisins contre le terrorisme.",
    "La France et la Russie ne sont pas nos amies, pensons d'abord à nous.",
    "Le JNIM recrute parce que l'État est absent à {place}.",
    "Qui va payer les salaires des enseignants de {place} ?",
    "Franchement {who} ne sait pas ce qu'il fait.",
    "Merci pour cet article bien documenté.",
    "Les routes de {place} sont impraticables depuis la saison des pluies.",
    "Le bilan officiel de {n} morts est sous-estimé selon les habitants.",
    "Nos enfants méritent mieux que ça.",
    "Les déplacés de {place} attendent toujours l'aide promise par {who}.",
    "Amen.",
    "C'est la faute de la corruption, rien d'autre.",
    "Il faut dialoguer avec tout le monde pour ramener la paix.",
    "Où sont passés les {n} millions du fonds d'urgence ?",
};

// What the benchmark evaluates: the pieces above plus spam, insults, shouting and copies.
constexpr const char* kExtra[] = {
    "Grand marabout Sidibé, retour de l'être aimé en 7 jours, appelez le +223 76 12 34 56",
    "Prêt rapide entre particuliers sans frais, contactez-moi sur WhatsApp +225 07 07 07 07 07",
    "Abonnement IPTV 12 mois 15000 FCFA, toutes les chaînes, écrivez sur iptv-afrique.com",
    "Espèce de c0nn4rd, tu ne connais rien au Sahel !!!!",
    "LE GOUVERNEMENT NOUS MENT DEPUIS LE DÉBUT, RÉVEILLEZ-VOUS !!!",
    "...",
    "Nooooon, pas encore une attaque à Djibo",
    "Putain, encore une coupure de courant à Dakar",
};

// prefix + number (append: GCC 12 warns wrongly on "literal" + std::string&&).
std::string Named(const char* prefix, std::uint32_t n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

std::string Fill(std::string s, std::mt19937& rng) {
  auto replace = [&](const std::string& key, const std::string& value) {
    for (std::size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), value);
  };
  replace("{place}", kPlaces[rng() % std::size(kPlaces)]);
  replace("{who}", kPeople[rng() % std::size(kPeople)]);
  replace("{n}", std::to_string(2 + rng() % 5000));
  return s;
}

// One to four pieces: short reactions to long paragraphs.
std::string MakeComment(std::mt19937& rng) {
  const int pieces = 1 + static_cast<int>(rng() % 4);
  std::string text;
  for (int i = 0; i < pieces; ++i) {
    if (!text.empty()) text += ' ';
    text += Fill(kPieces[rng() % std::size(kPieces)], rng);
  }
  return text;
}

struct Fixture {
  FakeClock clock{kNow};
  std::unique_ptr<Pipeline> pipeline;
  Site site;
  std::vector<Comment> inputs;
  std::vector<Thread> threads;

  Fixture() {
    site.id = "bench";
    auto created = Pipeline::Create(ModerationConfigs{}, clock);
    if (!created.ok()) std::abort();
    pipeline = std::move(created).value();
    std::mt19937 rng(42);
    const TimestampMs span = 6LL * 24 * 3600 * 1000;
    for (int i = 0; i < kPriorComments; ++i) {
      Comment c;
      c.id = i + 1;
      c.thread_id = 1 + static_cast<ThreadId>(rng() % 5000);
      c.author = Named("Lecteur ", rng() % 200'000);
      c.client_hash = Named("c", rng() % 300'000);
      c.text = MakeComment(rng);
      c.created_at = kNow - span + static_cast<TimestampMs>(i) * span / kPriorComments;
      c.status = CommentStatus::kPublished;
      pipeline->Record(site, c, nullptr);
    }
    for (int i = 0; i < 2000; ++i) {
      Comment c;
      c.thread_id = 1 + static_cast<ThreadId>(rng() % 5000);
      c.author = Named("Nouveau ", rng() % 100'000);
      c.client_hash = Named("n", rng() % 100'000);
      c.text = i % 10 == 0 ? std::string(kExtra[(i / 10) % std::size(kExtra)]) : MakeComment(rng);
      c.created_at = kNow + i;
      inputs.push_back(std::move(c));
    }
    for (int t = 0; t < 5000; ++t) {
      Thread th;
      th.id = t + 1;
      th.site_id = site.id;
      threads.push_back(th);
    }
  }
};

Fixture& GetFixture() {
  static Fixture* fixture = new Fixture();  // built once (about 10 s), never destroyed
  return *fixture;
}

void BM_Evaluate(benchmark::State& state) {
  Fixture& f = GetFixture();
  std::vector<double> latencies_us;
  latencies_us.reserve(1 << 20);
  std::size_t i = 0;
  for (auto _ : state) {
    const Comment& c = f.inputs[i++ % f.inputs.size()];
    const auto start = std::chrono::steady_clock::now();
    Decision d =
        f.pipeline->Evaluate(f.site, f.threads[static_cast<std::size_t>(c.thread_id - 1)], c);
    const auto end = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(d);
    if (latencies_us.size() < latencies_us.capacity()) {
      latencies_us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  if (!latencies_us.empty()) {
    std::sort(latencies_us.begin(), latencies_us.end());
    auto at = [&](double q) {
      return latencies_us[std::min(
          latencies_us.size() - 1,
          static_cast<std::size_t>(q * static_cast<double>(latencies_us.size())))];
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["max_us"] = latencies_us.back();
  }
  // Mean wall-clock time of each check (ns), over every run so far.
  for (const CheckStats& c : f.pipeline->Stats()) {
    if (c.runs > 0) {
      state.counters[c.name + "_ns"] =
          static_cast<double>(c.total_ns) / static_cast<double>(c.runs);
    }
  }
  const History::Stats stats = f.pipeline->history().GetStats();
  state.counters["indexed"] = static_cast<double>(stats.indexed);
  state.counters["history_MB"] = static_cast<double>(stats.bytes) / 1e6;
}
BENCHMARK(BM_Evaluate)->Unit(benchmark::kMicrosecond);

// Evaluate and Record together, as the service does for every stored comment.
void BM_EvaluateAndRecord(benchmark::State& state) {
  Fixture& f = GetFixture();
  std::size_t i = 0;
  CommentId next_id = kPriorComments + 1;
  for (auto _ : state) {
    Comment c = f.inputs[i++ % f.inputs.size()];
    c.created_at = kNow + 10'000 + static_cast<TimestampMs>(i);
    Decision d =
        f.pipeline->Evaluate(f.site, f.threads[static_cast<std::size_t>(c.thread_id - 1)], c);
    if (d.action != Action::kReject) {
      c.id = next_id++;
      f.pipeline->Record(f.site, c, nullptr);
    }
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EvaluateAndRecord)->Unit(benchmark::kMicrosecond);

void BM_Normalize(benchmark::State& state) {
  std::mt19937 rng(7);
  std::vector<std::string> texts;
  for (int i = 0; i < 1000; ++i) texts.push_back(MakeComment(rng));
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    bytes += static_cast<std::int64_t>(t.size());
    benchmark::DoNotOptimize(Normalize(t));
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace palabre::moderation
