#include "http/handlers/events_handler.h"

#include "http/errors.h"
#include "http/handlers/common.h"
#include "http/json.h"
#include "service/comment_view.h"
#include "service/thread_key.h"

namespace palabre::http::handlers {
namespace {

void AppendCountEvent(std::string& out, std::int64_t count) {
  out += "event: count\ndata: {\"count\":";
  AppendJsonInt(out, count);
  out += "}\n\n";
}

// One SSE connection: drains its hub subscriber, in its reader's language.
class SseStream final : public StreamSource {
 public:
  SseStream(service::EventHub& hub, std::shared_ptr<service::EventHub::Subscriber> sub,
            text::Lang lang)
      : hub_(hub), sub_(std::move(sub)), lang_(lang) {}
  ~SseStream() override { hub_.Unsubscribe(sub_); }

  void Start(std::function<void()> wake) override { sub_->SetWake(std::move(wake)); }

  bool Poll(std::vector<StreamChunk>& out) override {
    events_.clear();
    const bool alive = sub_->Drain(events_);
    for (auto& e : events_) {
      const std::string& bytes = e->For(lang_);
      out.push_back(StreamChunk{std::move(e), bytes});
    }
    return alive;
  }

  void Stop() noexcept override { hub_.Unsubscribe(sub_); }

 private:
  service::EventHub& hub_;
  std::shared_ptr<service::EventHub::Subscriber> sub_;
  text::Lang lang_;
  std::vector<service::HubEventPtr> events_;
};

}  // namespace

void EventsHandler::Subscribe(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  const std::string site_id(req.Param("site"));
  auto site = deps_.comments.GetSite(site_id);
  if (!site.ok()) return SetError(res, site.status(), lang);
  auto key = service::ThreadKey(req.Param("key"), deps_.comments.limits().max_key);
  if (!key.ok()) return SetError(res, key.status(), lang);
  // Subscribe first, count second: a comment posted in between is sent, not lost.
  auto sub = deps_.events.Subscribe(site->id, *key);
  auto counts = deps_.comments.reader().Counts(*site, {*key});
  if (!counts.ok()) {
    deps_.events.Unsubscribe(sub);
    return SetError(res, counts.status(), lang);
  }
  res.status = 200;
  res.content_type = kEventStreamType;
  res.AddHeader("Cache-Control", "no-store");
  res.AddHeader("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
  res.body = "retry: ";
  AppendJsonInt(res.body, deps_.options.sse_retry.count());
  res.body += "\n\n";
  AppendCountEvent(res.body, counts->empty() ? 0 : counts->front().count);
  res.stream = std::make_shared<SseStream>(deps_.events, std::move(sub), lang);
}

service::CommentService::Listener MakeLiveListener(service::EventHub& hub,
                                                   service::CommentService& comments,
                                                   const Clock& clock) {
  return [&hub, &comments, &clock](const Site& site, const Thread& thread, const Comment& comment) {
    if (!hub.HasSubscribers(site.id, thread.key)) return;
    // The count after this change (the thread given may predate it).
    std::int64_t count = thread.comment_count;
    if (auto counts = comments.reader().Counts(site, {thread.key});
        counts.ok() && !counts->empty()) {
      count = counts->front().count;
    }
    const TimestampMs now = clock.NowMs();
    auto event = std::make_shared<service::HubEvent>();
    for (const text::Lang lang : {text::Lang::kFr, text::Lang::kEn}) {
      std::string& out = lang == text::Lang::kEn ? event->en : event->fr;
      out = "event: comment\ndata: ";
      AppendComment(out, service::PublicView(comment, site.time_zone, lang, now));
      out += "\n\n";
      AppendCountEvent(out, count);
    }
    hub.Publish(site.id, thread.key, std::move(event));
  };
}

service::CommentService::RemovedListener MakeRemovedListener(service::EventHub& hub,
                                                             service::CommentService& comments) {
  return [&hub, &comments](const Site& site, const Thread& thread, CommentId id) {
    if (!hub.HasSubscribers(site.id, thread.key)) return;
    std::int64_t count = thread.comment_count;
    if (auto counts = comments.reader().Counts(site, {thread.key});
        counts.ok() && !counts->empty()) {
      count = counts->front().count;
    }
    auto event = std::make_shared<service::HubEvent>();
    event->fr = "event: removed\ndata: {\"id\":";
    AppendJsonInt(event->fr, id);
    event->fr += "}\n\n";
    AppendCountEvent(event->fr, count);
    event->en = event->fr;
    hub.Publish(site.id, thread.key, std::move(event));
  };
}

service::CommentService::ResetListener MakeResetListener(service::EventHub& hub) {
  return [&hub] {
    auto event = std::make_shared<service::HubEvent>();
    event->fr = "event: reset\ndata: {\"reason\":\"resync\"}\n\n";
    event->en = event->fr;
    hub.Broadcast(std::move(event));
  };
}

}  // namespace palabre::http::handlers
