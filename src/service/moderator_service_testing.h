// The fixture of the moderator service's tests (moderator_service_test.cc,
// moderator_reports_test.cc): a real SQLite store, a real pipeline without the classifier, the
// comment, auth and moderator services, sites "a" and "b" with their admin and moderators.
// Test-only.
#pragma once

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "moderation/pipeline.h"
#include "service/auth_service.h"
#include "service/moderator_service.h"
#include "service/privacy_service.h"
#include "service/site_service.h"
#include "service/test_store.h"

namespace palabre::service {

class ModeratorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    tmp_ = std::make_unique<TempStore>(
        std::string("mod_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = tmp_->get();
    ASSERT_NE(store_, nullptr);
    SiteService sites(*store_, clock_);
    for (const char* id : {"a", "b"}) {
      SiteInput in;
      in.id = id;
      in.name = std::string("Site ") + id;
      ASSERT_TRUE(sites.Add(in).ok());
    }
    configs_.defaults.toxicity.enabled = false;
    configs_.defaults.off_topic.enabled = false;
    configs_.defaults.pipeline.budget_us = 10'000'000;
    auto pipeline = moderation::Pipeline::Create(configs_, clock_);
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    pipeline_ = std::move(pipeline).value();
    comments_ = std::make_unique<CommentService>(*store_, *pipeline_, clock_);
    comments_->SetModeration(configs_,
                             [this](std::string_view site, const moderation::ModerationConfig& c) {
                               return pipeline_->Reconfigure(site, c);
                             });
    comments_->SetRemovedListener(
        [this](const Site&, const Thread&, CommentId id) { removed_.push_back(id); });
    AuthOptions o;
    o.password_cost = PasswordCost::kTest;
    auth_ = std::make_unique<AuthService>(*store_, clock_, o);
    admin_a_ = MustUser("admin@a.test", Role::kAdmin, "a");
    mod_a_ = MustUser("mod@a.test", Role::kModerator, "a");
    mod_b_ = MustUser("mod@b.test", Role::kModerator, "b");
    mods_ = std::make_unique<ModeratorService>(*store_, *comments_, clock_);
  }

  User MustUser(const std::string& email, Role role, const std::string& site) {
    auto u = auth_->AddUser(email, "a long enough password", role, site);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : User{};
  }

  Result<PostOutput> Post(const std::string& text, const std::string& author = "Awa",
                          const std::string& site = "a", const std::string& email = "",
                          const std::string& address = "203.0.113.7") {
    PostInput in;
    in.site_id = site;
    in.key = "article-1";
    in.author = author;
    in.email = email;
    in.text = text;
    in.client_address = address;
    auto out = comments_->Post(in);
    clock_.AdvanceMs(120'000);  // no flood between a test's posts
    return out;
  }

  CommentId MustPost(const std::string& text, const std::string& author = "Awa",
                     const std::string& site = "a", const std::string& email = "",
                     const std::string& address = "203.0.113.7") {
    auto out = Post(text, author, site, email, address);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->comment.id : 0;
  }

  std::string TextOf(CommentId id) {
    auto c = store_->GetComment(id);
    return c.ok() ? c->text : "<missing>";
  }
  CommentStatus StatusOf(CommentId id) {
    auto c = store_->GetComment(id);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->status : CommentStatus::kDeleted;
  }

  std::vector<AuditEntry> AuditOf(const std::string& site) {
    auto entries = mods_->Audit(admin_a_, site, 0, 200);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  void PutSettings(const std::string& json) {
    auto s = mods_->PutSettings(admin_a_, "a", json);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }

  FakeClock clock_;
  std::unique_ptr<TempStore> tmp_;
  store::Store* store_ = nullptr;
  moderation::ModerationConfigs configs_;
  std::unique_ptr<moderation::Pipeline> pipeline_;
  std::unique_ptr<CommentService> comments_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<ModeratorService> mods_;
  std::vector<CommentId> removed_;
  User admin_a_, mod_a_, mod_b_;
};

inline constexpr const char* kSpam =
    "Grand marabout, retour de l'être aimé, appelez le +229 97 12 34 56 sur WhatsApp";

}  // namespace palabre::service
