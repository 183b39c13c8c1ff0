// The Store conformance suite (store_conformance_testing.h), AccountStore: users,
// memberships, sessions.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

User MakeUser(std::string email) {
  User user;
  user.email = std::move(email);
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  user.created_at = kT0;
  return user;
}

std::vector<std::string> Emails(const std::vector<User>& users) {
  std::vector<std::string> out;
  for (const User& u : users) out.push_back(u.email);
  return out;
}

TEST_P(StoreTest, UsersAreStoredLowerCasedAndFoundWhateverTheCase) {
  Result<User> created = store().CreateUser(MakeUser("Awa.Ndiaye@Example.SN"));
  ASSERT_OK(created);
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->email, "awa.ndiaye@example.sn");
  EXPECT_EQ(created->failed_logins, 0);
  EXPECT_EQ(created->locked_until, 0);

  Result<User> by_email = store().GetUserByEmail("AWA.NDIAYE@example.sn");
  ASSERT_OK(by_email);
  EXPECT_EQ(by_email->id, created->id);
  EXPECT_EQ(by_email->password_hash, MakeUser("").password_hash);
  EXPECT_EQ(by_email->created_at, kT0);

  Result<User> by_id = store().GetUser(created->id);
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->email, "awa.ndiaye@example.sn");

  // The same address in another case is the same user.
  EXPECT_EQ(store().CreateUser(MakeUser("awa.ndiaye@EXAMPLE.sn")).error(), Error::kUserExists);
  EXPECT_EQ(store().GetUser(created->id + 1000).error(), Error::kUnknownUser);
  EXPECT_EQ(store().GetUserByEmail("personne@example.sn").error(), Error::kUnknownUser);
}

TEST_P(StoreTest, ListUsersIsOrderedByEmailWithTheirMemberships) {
  AddSite("a-site");
  AddSite("b-site");
  Result<std::vector<User>> none = store().ListUsers();
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  User moussa = MakeUser("moussa@example.sn");
  moussa.memberships = {{"b-site", Role::kModerator}, {"a-site", Role::kAdmin}};
  Result<User> m = store().CreateUser(moussa);
  ASSERT_OK(m);
  EXPECT_THAT(m->memberships, ElementsAre(Membership{"a-site", Role::kAdmin},
                                          Membership{"b-site", Role::kModerator}));
  ASSERT_OK(store().CreateUser(MakeUser("aminata@example.sn")));
  ASSERT_OK(store().CreateUser(MakeUser("Zeynab@example.sn")));
  Result<std::vector<User>> users = store().ListUsers();
  ASSERT_OK(users);
  EXPECT_THAT(Emails(*users),
              ElementsAre("aminata@example.sn", "moussa@example.sn", "zeynab@example.sn"));
  EXPECT_THAT((*users)[0].memberships, IsEmpty());
  EXPECT_THAT((*users)[1].memberships, ElementsAre(Membership{"a-site", Role::kAdmin},
                                                   Membership{"b-site", Role::kModerator}));

  User stray = MakeUser("stray@example.sn");
  stray.memberships = {{"absent", Role::kAdmin}};
  EXPECT_EQ(store().CreateUser(stray).error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetUserByEmail("stray@example.sn").error(), Error::kUnknownUser);
}

TEST_P(StoreTest, MembershipsAreAddedChangedAndRemoved) {
  AddSite("dakar");
  AddSite("abidjan");
  Result<User> user = store().CreateUser(MakeUser("mod@example.sn"));
  ASSERT_OK(user);
  ASSERT_OK(store().SetMembership(user->id, {"dakar", Role::kModerator}));
  ASSERT_OK(store().SetMembership(user->id, {"abidjan", Role::kModerator}));
  ASSERT_OK(store().SetMembership(user->id, {"dakar", Role::kAdmin}));  // changes the role
  Result<User> got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, ElementsAre(Membership{"abidjan", Role::kModerator},
                                            Membership{"dakar", Role::kAdmin}));
  EXPECT_EQ(got->RoleOn("dakar"), Role::kAdmin);

  ASSERT_OK(store().RemoveMembership(user->id, "abidjan"));
  ASSERT_OK(store().RemoveMembership(user->id, "abidjan"));  // absent: OK
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, ElementsAre(Membership{"dakar", Role::kAdmin}));

  EXPECT_EQ(store().SetMembership(user->id + 1000, {"dakar", Role::kAdmin}).error(),
            Error::kUnknownUser);
  EXPECT_EQ(store().SetMembership(user->id, {"absent", Role::kAdmin}).error(), Error::kUnknownSite);
  EXPECT_EQ(store().RemoveMembership(user->id + 1000, "dakar").error(), Error::kUnknownUser);

  // A removed site takes its memberships with it.
  ASSERT_OK(store().RemoveSite("dakar"));
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_THAT(got->memberships, IsEmpty());
}

TEST_P(StoreTest, PasswordAndLoginStateChange) {
  Result<User> user = store().CreateUser(MakeUser("admin@example.sn"));
  ASSERT_OK(user);
  Result<User> other = store().CreateUser(MakeUser("other@example.sn"));
  ASSERT_OK(other);
  ASSERT_OK(store().CreateSession({"mine", user->id, "csrf-a", kT0, kT0 + 9000}));
  ASSERT_OK(store().CreateSession({"theirs", other->id, "csrf-b", kT0, kT0 + 9000}));
  ASSERT_OK(store().SetPassword(user->id, "$argon2id$new"));
  // A new password ends the user's sessions, and only theirs.
  EXPECT_EQ(store().GetSession("mine", kT0).error(), Error::kUnauthorized);
  EXPECT_OK(store().GetSession("theirs", kT0));
  ASSERT_OK(store().SetLoginState(user->id, 3, kT0 + 60'000));
  Result<User> got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->password_hash, "$argon2id$new");
  EXPECT_EQ(got->failed_logins, 3);
  EXPECT_EQ(got->locked_until, kT0 + 60'000);
  ASSERT_OK(store().SetLoginState(user->id, 0, 0));
  got = store().GetUser(user->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->failed_logins, 0);
  EXPECT_EQ(got->locked_until, 0);
  EXPECT_EQ(store().SetPassword(user->id + 1000, "x").error(), Error::kUnknownUser);
  EXPECT_EQ(store().SetLoginState(user->id + 1000, 1, 0).error(), Error::kUnknownUser);
}

TEST_P(StoreTest, SessionsLiveUntilTheyExpireOrAreDeleted) {
  Result<User> user = store().CreateUser(MakeUser("mod@example.sn"));
  ASSERT_OK(user);
  Session session{"hash-1", user->id, "csrf-1", kT0, kT0 + 1000};
  ASSERT_OK(store().CreateSession(session));
  ASSERT_OK(store().CreateSession({"hash-2", user->id, "csrf-2", kT0, kT0 + 5000}));
  ASSERT_OK(store().CreateSession({"hash-3", user->id, "csrf-3", kT0, kT0 + 9000}));

  Result<Session> got = store().GetSession("hash-1", kT0 + 999);
  ASSERT_OK(got);
  EXPECT_EQ(got->token_hash, "hash-1");
  EXPECT_EQ(got->user_id, user->id);
  EXPECT_EQ(got->csrf_token, "csrf-1");
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_EQ(got->expires_at, kT0 + 1000);
  EXPECT_EQ(store().GetSession("hash-1", kT0 + 1000).error(), Error::kUnauthorized);  // expired
  EXPECT_EQ(store().GetSession("absent", kT0).error(), Error::kUnauthorized);

  ASSERT_OK(store().DeleteSession("hash-2"));
  ASSERT_OK(store().DeleteSession("hash-2"));  // absent: OK
  EXPECT_EQ(store().GetSession("hash-2", kT0).error(), Error::kUnauthorized);

  Result<std::int64_t> removed = store().DeleteExpiredSessions(kT0 + 1000);
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 1);  // hash-1; hash-3 lives on
  EXPECT_OK(store().GetSession("hash-3", kT0 + 1000));
  removed = store().DeleteExpiredSessions(kT0 + 1000);
  ASSERT_OK(removed);
  EXPECT_EQ(*removed, 0);

  EXPECT_EQ(store().CreateSession({"hash-4", user->id + 1000, "c", kT0, kT0 + 1}).error(),
            Error::kUnknownUser);
  // A removed user takes their sessions with them.
  ASSERT_OK(store().RemoveUser(user->id));
  EXPECT_EQ(store().GetSession("hash-3", kT0).error(), Error::kUnauthorized);
  EXPECT_EQ(store().GetUser(user->id).error(), Error::kUnknownUser);
  EXPECT_EQ(store().RemoveUser(user->id).error(), Error::kUnknownUser);
}

}  // namespace
}  // namespace palabre::store
