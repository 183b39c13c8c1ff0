// Notifications through the outbox (docs/NOTIFICATIONS.md, "The outbox"): what the events'
// same-transaction rows cost the write path, and how many notifications a sender delivers per
// second — claim, read the comment, build and sign the payload, record the outcome — with a
// transport that answers at once (the outbox's own ceiling) and with libcurl posting to a
// receiver on 127.0.0.1 (a real HTTP exchange per notification).
//
//   bench/run_outbox.sh          (SQLite, then PostgreSQL on a throwaway cluster with PG=1)
//   PALABRE_BENCH_DB=URL build-bench/src/app/palabre_app_bench   (SQLite file or postgres://)
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/crypto.h"
#include "http/curl_transport.h"
#include "http/router.h"
#include "http/server.h"
#include "service/outbox_sender.h"
#include "store/store.h"

namespace palabre::app {
namespace {

class NullTransport final : public service::WebhookTransport {
 public:
  service::TransportResult Post(const service::WebhookRequest& request,
                                std::chrono::milliseconds) override {
    benchmark::DoNotOptimize(request.body.data());
    return {200, ""};
  }
};

// One store for the run: a site, a thread, and `webhooks` webhooks subscribed to held comments.
struct Fixture {
  Fixture() {
    if (!InitCrypto()) std::abort();
    std::string url;
    if (const char* env = std::getenv("PALABRE_BENCH_DB"); env != nullptr && *env != '\0') {
      url = env;
    } else {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "palabre_outbox_XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) std::abort();
      dir = pattern;
      url = dir + "/bench.db";
    }
    auto opened = store::OpenStore(url);
    if (!opened.ok()) {
      fprintf(stderr, "outbox bench: %s\n", opened.status().ToString().c_str());
      std::abort();
    }
    store = std::move(opened).value();
    Site site;
    site.id = "bench-" + RandomToken(6);
    for (char& c : site.id) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') c = 'x';
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    site.name = "Bench";
    site.salt = "salt";
    if (!store->CreateSite(site).ok()) std::abort();
    site_id = site.id;
    Thread t;
    t.site_id = site.id;
    t.key = "/article";
    t.title = "Article";
    auto ensured = store->EnsureThread(t);
    if (!ensured.ok()) std::abort();
    thread = ensured->id;
  }
  ~Fixture() {
    store.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }

  void SetWebhooks(int n, const std::string& url) {
    auto existing = store->ListWebhooks(site_id);
    for (const Webhook& w : *existing) (void)store->RemoveWebhook(w.id);
    for (int i = 0; i < n; ++i) {
      Webhook w;
      w.site_id = site_id;
      w.url = url;
      w.events = static_cast<std::uint32_t>(WebhookEvent::kCommentHeld);
      w.secret = "whsec_bench";
      if (!store->AddWebhook(w).ok()) std::abort();
    }
  }

  void PostHeld() {
    Comment c;
    c.thread_id = thread;
    c.author = "Ousmane Sow";
    c.text =
        "La situation à Kidal est plus nuancée que ce que dit l'article, et les chiffres datent.";
    c.html = "<p>" + c.text + "</p>";
    c.status = CommentStatus::kHeld;
    c.created_at = clock.NowMs();
    c.moderation = R"({"action":"hold","reasons":[{"check":"shouting","code":"shouting",)"
                   R"("detail":"majuscules","score":0.8,"action":"hold","spans":[]}]})";
    if (!store->InsertComment(c).ok()) std::abort();
  }

  std::string dir;
  std::unique_ptr<store::Store> store;
  std::string site_id;
  ThreadId thread = 0;
  SystemClock clock;
};

Fixture& F() {
  static Fixture* f = new Fixture();
  return *f;
}

// A comment held, with 0, 1 or 3 webhooks whose rows its transaction writes.
void BM_PostHeld(benchmark::State& state) {
  F().SetWebhooks(static_cast<int>(state.range(0)), "https://hooks.example.sn/x");
  for (auto _ : state) F().PostHeld();
  state.SetItemsProcessed(state.iterations());
  F().SetWebhooks(0, "");
}
BENCHMARK(BM_PostHeld)->Arg(0)->Arg(1)->Arg(3)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Delivers `kRows` rows per iteration with `workers` sender threads.
constexpr int kRows = 1000;
void Deliver(benchmark::State& state, service::WebhookTransport& transport,
             const std::string& url) {
  const int workers = static_cast<int>(state.range(0));
  F().SetWebhooks(1, url);
  service::OutboxSenderOptions options;
  options.batch = 50;
  std::int64_t delivered = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (int i = 0; i < kRows; ++i) F().PostHeld();
    state.ResumeTiming();
    std::vector<std::thread> threads;
    std::atomic<int> done{0};
    service::OutboxSender sender(*F().store, transport, F().clock, options);
    for (int w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        while (true) {
          auto handled = sender.RunOnce();
          if (!handled.ok() || *handled == 0) break;
          done += *handled;
        }
      });
    }
    for (std::thread& t : threads) t.join();
    delivered += done.load();
    if (sender.stats().sent != done.load()) state.SkipWithError("not every row was sent");
  }
  state.SetItemsProcessed(delivered);
  F().SetWebhooks(0, "");
}

void BM_DeliverNoNetwork(benchmark::State& state) {
  NullTransport transport;
  Deliver(state, transport, "https://hooks.example.sn/x");
}
BENCHMARK(BM_DeliverNoNetwork)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// libcurl to palabre's own HTTP server on 127.0.0.1, answering 200 at once.
void BM_DeliverHttp(benchmark::State& state) {
  http::Router router;
  router.Add(
      http::Method::kPost, "/hook", [](http::Request&, http::Response& res) { res.body = "{}"; },
      http::Runs::kInline);
  http::ServerOptions server_options;
  http::Server server(server_options, router);
  auto port = server.Start();
  if (!port.ok()) return state.SkipWithError("receiver did not start");
  std::thread run([&server] { server.Run(); });
  http::CurlTransport transport;
  Deliver(state, transport, "http://127.0.0.1:" + std::to_string(*port) + "/hook");
  server.Stop();
  run.join();
}
BENCHMARK(BM_DeliverHttp)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace palabre::app
