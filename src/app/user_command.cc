#include "app/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "app/command_store.h"
#include "core/admin.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "service/auth_service.h"
#include "service/privacy_service.h"
#include "store/store.h"

namespace palabre::app {
namespace {

std::string ReadHidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

int Fail(const Status& s) {
  std::cerr << "palabre: " << s.ToString() << "\n";
  return 1;
}

}  // namespace

std::string ReadNewPassword(bool from_stdin, const std::string& for_email) {
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (isatty(STDIN_FILENO)) {
    const std::string first = ReadHidden("password (12 characters at least): ");
    const std::string second = ReadHidden("again: ");
    if (first != second) {
      std::cerr << "palabre: the two passwords differ\n";
      return {};
    }
    return first;
  }
  std::string generated = RandomToken(18);  // 24 characters, 144 bits
  std::cout << "password for " << for_email << " (shown once): " << generated << "\n";
  return generated;
}

void AddUserCommands(CLI::App& app, UserCommands& c) {
  auto* user = app.add_subcommand("user", "moderators' accounts (the console at /admin)");
  user->require_subcommand(1);
  c.add = user->add_subcommand("add", "create an account, or give an existing one a site");
  c.add->add_option("email", c.email, "e-mail (the login)")->required();
  c.add->add_option("--site", c.site, "site id")->required();
  c.add->add_option("--role", c.role, "admin (settings too) or moderator")
      ->check(CLI::IsMember({"admin", "moderator"}))
      ->capture_default_str();
  c.add->add_flag("--password-stdin", c.password_stdin, "read the password from stdin");
  c.list = user->add_subcommand("list", "list accounts and their sites");
  c.remove = user->add_subcommand("remove", "remove an account and its sessions");
  c.remove->add_option("email", c.email)->required();
  c.passwd = user->add_subcommand("passwd", "change an account's password");
  c.passwd->add_option("email", c.email)->required();
  c.passwd->add_flag("--password-stdin", c.password_stdin, "read the password from stdin");
  for (CLI::App* sub : {c.add, c.list, c.remove, c.passwd}) {
    sub->add_option("--db", c.db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  }

  auto* data = app.add_subcommand("user-data", "a reader's comments on request (GDPR)");
  data->require_subcommand(1);
  c.data_export = data->add_subcommand("export", "print every comment of an e-mail as JSON");
  c.data_erase = data->add_subcommand("erase", "erase every comment of an e-mail");
  for (CLI::App* sub : {c.data_export, c.data_erase}) {
    sub->add_option("--email", c.email, "the reader's e-mail")->required();
    sub->add_option("--db", c.db, "SQLite file or postgres://USER@HOST/DB")->capture_default_str();
  }
}

int RunUserCommands(const UserCommands& c) {
  const bool any = *c.add || *c.list || *c.remove || *c.passwd || *c.data_export || *c.data_erase;
  if (!any) return -1;
  auto store = OpenCommandStore(c.db);
  if (!store) return 1;
  SystemClock clock;
  service::AuthService auth(*store, clock);
  if (*c.add) {
    const auto role = ParseRole(c.role);
    if (!role) return Fail(Status(Error::kInvalidArgument, "--role: admin or moderator"));
    std::string password;
    if (store->GetUserByEmail(c.email).error() == Error::kUnknownUser) {
      password = ReadNewPassword(c.password_stdin, c.email);
      if (password.empty()) return 1;
    }
    auto user = auth.AddUser(c.email, password, *role, c.site);
    if (!user.ok()) return Fail(user.status());
    std::cout << "user " << user->email << " is " << ToString(*role) << " of " << c.site << "\n";
    return 0;
  }
  if (*c.list) {
    auto users = auth.ListUsers();
    if (!users.ok()) return Fail(users.status());
    for (const User& u : *users) {
      std::cout << u.email << "\t";
      for (std::size_t i = 0; i < u.memberships.size(); ++i) {
        std::cout << (i ? "," : "") << u.memberships[i].site_id << ":"
                  << ToString(u.memberships[i].role);
      }
      std::cout << "\n";
    }
    return 0;
  }
  if (*c.remove) {
    if (Status s = auth.RemoveUser(c.email); !s.ok()) return Fail(s);
    std::cout << "user " << c.email << " removed\n";
    return 0;
  }
  if (*c.passwd) {
    const std::string password = ReadNewPassword(c.password_stdin, c.email);
    if (password.empty()) return 1;
    if (Status s = auth.SetPassword(c.email, password); !s.ok()) return Fail(s);
    std::cout << "password of " << c.email << " changed\n";
    return 0;
  }
  service::PrivacyService privacy(*store, nullptr, clock);
  if (*c.data_export) {
    auto doc = privacy.Export(c.email);
    if (!doc.ok()) return Fail(doc.status());
    std::cout << *doc << "\n";
    return 0;
  }
  auto erased = privacy.Erase(c.email);
  if (!erased.ok()) return Fail(erased.status());
  std::cout << *erased << " comment(s) erased\n";
  return 0;
}

}  // namespace palabre::app
