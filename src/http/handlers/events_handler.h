// GET /api/v1/threads/{site}/{key}/events: live updates of a thread as Server-Sent Events.
//
// The stream opens with "retry:" and a `count` event; then, for every comment of the thread
// that appears or changes, a `comment` event (the comment object of the API, in the reader's
// language) followed by a `count` event ({"count": N}); for one that a moderator or readers'
// reports took out of the thread, a `removed` event ({"id": N}) and a `count` event. When the
// node may have missed changes (its change feed lost the database and is back), every stream
// gets a `reset` event ({"reason": "resync"}): the client reloads what it shows. Events come
// from the EventHub, fed by the CommentService listeners that MakeLiveListener,
// MakeRemovedListener and MakeResetListener build (RegisterRoutes connects them). A subscriber
// that falls behind by more than the hub's queue is disconnected (EventSource reconnects).
// Last-Event-ID is not used. Thread-safe.
#pragma once

#include "http/message.h"
#include "http/routes.h"
#include "service/comment_service.h"
#include "service/event_hub.h"

namespace palabre::http::handlers {

class EventsHandler {
 public:
  explicit EventsHandler(Deps& deps) : deps_(deps) {}
  void Subscribe(Request& req, Response& res);

 private:
  Deps& deps_;
};

// The listener to give CommentService::SetListener: formats each comment once per language and
// publishes it to `hub` (only if the thread has subscribers). `comments`, `hub` and `clock`
// must outlive the listener.
service::CommentService::Listener MakeLiveListener(service::EventHub& hub,
                                                   service::CommentService& comments,
                                                   const Clock& clock);

// The listener to give CommentService::SetRemovedListener: a comment left the public thread
// (held after reports, unpublished or rejected by a moderator): a `removed` event
// ({"id": N}, no text) and a `count` event to the thread's subscribers.
service::CommentService::RemovedListener MakeRemovedListener(service::EventHub& hub,
                                                             service::CommentService& comments);

// The listener to give CommentService::SetResetListener: a `reset` event to every stream of
// `hub` (EventHub::Broadcast), in place of the events they had waiting. `hub` must outlive it.
service::CommentService::ResetListener MakeResetListener(service::EventHub& hub);

}  // namespace palabre::http::handlers
